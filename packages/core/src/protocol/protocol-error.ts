import { ERROR_STATUS, type ErrorCode } from "./error-codes.js";
import type { ErrorResponse } from "./wire.js";

/**
 * A request the protocol refuses. Servers throw it while validating and turn it into the
 * error body in one place; `details` (`field`, `index`, `limit`, ...) ride along in the body.
 */
export class ProtocolError extends Error {
  /** The HTTP status that goes with `code`. */
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ProtocolError";
    this.status = ERROR_STATUS[code];
  }

  /** The `{"error": {...}}` body of this error. */
  toBody(): ErrorResponse {
    return { error: { ...this.details, code: this.code, message: this.message } };
  }
}
