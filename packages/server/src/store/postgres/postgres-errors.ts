import { StoreUnavailableError } from "../store-errors.js";

// SQLSTATE classes and codes that mean "the database cannot serve now".
const UNAVAILABLE_STATES = /^(08|53|57P0[1-3]|58)/;
const UNAVAILABLE_NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i;

/** Whether a failed transaction should simply be run again (serialization failure, deadlock). */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "40001" || code === "40P01";
}

/** Turns a connection-level failure into {@link StoreUnavailableError}; leaves others as they are. */
export function mapPostgresError(error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const unavailable =
    (typeof code === "string" &&
      (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_NETWORK.has(code))) ||
    (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message));
  return unavailable ? new StoreUnavailableError({ cause: error }) : error;
}
