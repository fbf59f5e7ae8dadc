import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.unavailable";
const symbol = Symbol.for(marker);

/**
 * The server or its storage is unavailable (503 `store_unavailable`), or a proxy in front of it
 * answered 502/504. Idempotent calls are retried for you; this error means the retries ran out.
 */
export class BotWireUnavailableError extends BotWireApiError {
  protected readonly [symbol] = true;

  /** @param init status, code, message and details of the refusal */
  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireUnavailableError";
  }

  /** Whether `error` is a {@link BotWireUnavailableError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireUnavailableError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
