import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.quota";
const symbol = Symbol.for(marker);

/**
 * The namespace's write quota is used up (429 `quota_exceeded`). Wait `retryAfter` seconds,
 * or ask the server's operator to raise `--write-quota`.
 */
export class BotWireQuotaError extends BotWireApiError {
  protected readonly [symbol] = true;
  /** Seconds until the quota resets, from the Retry-After header, when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(init: BotWireApiErrorInit & { retryAfter?: number }) {
    super(init);
    this.name = "BotWireQuotaError";
    this.retryAfter = init.retryAfter;
  }

  /** Whether `error` is a {@link BotWireQuotaError}. */
  static override isInstance(error: unknown): error is BotWireQuotaError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
