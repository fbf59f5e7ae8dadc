import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.wrong-kind";
const symbol = Symbol.for(marker);

/** The key holds the other kind (409): a value where a list was expected, or the reverse. */
export class BotWireWrongKindError extends BotWireApiError {
  protected readonly [symbol] = true;

  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireWrongKindError";
  }

  /** Whether `error` is a {@link BotWireWrongKindError}. */
  static override isInstance(error: unknown): error is BotWireWrongKindError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
