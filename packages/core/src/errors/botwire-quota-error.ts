import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.quota";
const symbol = Symbol.for(marker);

/**
 * A quota refused the write (429 `quota_exceeded`); it was not applied. `details.quota` says
 * which: `"writes"` (the namespace's writes per UTC day: wait `retryAfter` seconds, or ask the
 * operator to raise `--write-quota`) or `"storage"` (the namespace is full: delete keys, or ask
 * for a larger `--storage-quota`). The client waits and retries by itself when `retryAfter` is
 * at most 60 s; this error means the wait is longer, or the retries ran out.
 */
export class BotWireQuotaError extends BotWireApiError {
  protected readonly [symbol] = true;
  /** Seconds until the quota resets, from the Retry-After header; undefined when it does not pass with time. */
  readonly retryAfter: number | undefined;

  /** @param init status, code, message and details of the refusal, and the Retry-After delay */
  constructor(init: BotWireApiErrorInit & { retryAfter?: number }) {
    super(init);
    this.name = "BotWireQuotaError";
    this.retryAfter = init.retryAfter;
  }

  /** Whether `error` is a {@link BotWireQuotaError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireQuotaError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
