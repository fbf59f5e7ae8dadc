/**
 * A precondition of a store call failed. The HTTP layer turns it into 409 / 412 / 404.
 * `index` names the failing op of a batch.
 */
export class StoreConflictError extends Error {
  constructor(
    readonly code: "version_mismatch" | "wrong_kind" | "not_found",
    readonly currentVersion: number | null,
    readonly index?: number,
  ) {
    super(code);
    this.name = "StoreConflictError";
  }
}

/** The storage engine cannot be reached (HTTP 503 `store_unavailable`). */
export class StoreUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The storage engine is unavailable.", options);
    this.name = "StoreUnavailableError";
  }
}

/** A list would grow past the server's cap (HTTP 400 `limit_exceeded`); nothing was written. */
export class StoreLimitError extends Error {
  constructor(readonly limit: number) {
    super(`list longer than ${limit}`);
    this.name = "StoreLimitError";
  }
}

/** The gets of a batch would read more than `limit` bytes (op `index` first passes it). */
export class StoreReadLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly index: number,
  ) {
    super(`batch reads more than ${limit} bytes`);
    this.name = "StoreReadLimitError";
  }
}
