import type { Limits } from "./limits.js";
import { ProtocolError } from "./protocol-error.js";

/**
 * The bytes of values one response may carry ({@link Limits.maxReadBytes}), counted as they are
 * read. The first read always fits, so a value is never unreadable, and a page of a list is
 * never empty while items remain.
 */
export class ReadBudget {
  #used = 0;
  #reads = 0;

  constructor(readonly maxBytes: number = Number.POSITIVE_INFINITY) {}

  /** Counts `bytes` more; false (counting nothing) when they would pass the budget. */
  take(bytes: number): boolean {
    if (this.#reads > 0 && this.#used + bytes > this.maxBytes) return false;
    this.#used += bytes;
    this.#reads++;
    return true;
  }
}

/**
 * 400 `limit_exceeded` for a batch whose gets would read more than `limit` bytes of values
 * (op `index` is the first that does not fit); nothing of the batch was written.
 */
export function batchReadTooLarge(limit: number, index: number): ProtocolError {
  return new ProtocolError(
    "limit_exceeded",
    `The gets of this batch read more than ${limit} bytes of values: split them over several batches.`,
    { field: "ops", index, limit },
  );
}
