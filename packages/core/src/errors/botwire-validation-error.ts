import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.validation";
const symbol = Symbol.for(marker);

/**
 * The request was invalid (400, 413, 415), or the client refused it before sending
 * (`statusCode` 0): a bad name, body, ttl, value size or limit. `code` says which and
 * `details.field` / `details.index` where. Fix the call: retrying will not help.
 */
export class BotWireValidationError extends BotWireApiError {
  protected readonly [symbol] = true;

  /** @param init status, code, message and details of the refusal */
  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireValidationError";
  }

  /** Whether `error` is a {@link BotWireValidationError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireValidationError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
