import { StoreUnavailableError } from "../store-errors.js";

// SQLSTATE classes and codes that mean "the database cannot serve now": connection and
// resource failures, shutdown, and our own statement_timeout (57014) and lock_timeout (55P03).
const UNAVAILABLE_STATES = /^(08|53|57P0[1-3]|58|57014$|55P03$)/;
const UNAVAILABLE_NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const CONNECTION_LOST =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|Query read timeout/i;

/** Whether a failed transaction should simply be run again (serialization failure, deadlock). */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "40001" || code === "40P01";
}

/**
 * Whether the connection itself failed (closed, unreachable, or silent past the client's
 * timeout), so it must not be used again: not even for a ROLLBACK.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (typeof code === "string" && UNAVAILABLE_NETWORK.has(code)) ||
    (typeof message === "string" && CONNECTION_LOST.test(message))
  );
}

/** Turns a connection-level failure into {@link StoreUnavailableError}; leaves others as they are. */
export function mapPostgresError(error: unknown): unknown {
  const { code } = (error ?? {}) as { code?: unknown };
  const unavailable =
    (typeof code === "string" && UNAVAILABLE_STATES.test(code)) || isConnectionLost(error);
  return unavailable ? new StoreUnavailableError({ cause: error }) : error;
}
