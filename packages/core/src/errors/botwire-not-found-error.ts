import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.not-found";
const symbol = Symbol.for(marker);

/** The route or key does not exist (404) where absence is an error. */
export class BotWireNotFoundError extends BotWireApiError {
  protected readonly [symbol] = true;

  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireNotFoundError";
  }

  /** Whether `error` is a {@link BotWireNotFoundError}. */
  static override isInstance(error: unknown): error is BotWireNotFoundError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
