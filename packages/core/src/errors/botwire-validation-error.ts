import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.validation";
const symbol = Symbol.for(marker);

/** The request was invalid (400, 413, 415): a bad name, body, value size or limit. Fix the call; retrying will not help. */
export class BotWireValidationError extends BotWireApiError {
  protected readonly [symbol] = true;

  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireValidationError";
  }

  /** Whether `error` is a {@link BotWireValidationError}. */
  static override isInstance(error: unknown): error is BotWireValidationError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
