import { batchReadTooLarge, listTooLong, ProtocolError } from "@botwire/core/protocol";
import {
  StoreConflictError,
  StoreLimitError,
  StoreReadLimitError,
  StoreUnavailableError,
} from "../store/store-errors.js";
import type { HandlerLogger } from "./handler-options.js";

const CONFLICT_MESSAGES = {
  version_mismatch:
    "The key's version is not the one you expected: read it again, re-apply your change, and retry with the new version.",
  wrong_kind:
    "The key holds the other kind (a value vs a list): use the matching routes, or delete the key first.",
  not_found: "Nothing is stored under this key.",
} as const;

/**
 * Turns anything thrown while serving a request into a protocol error. Client mistakes keep
 * their 4xx; only an unexpected failure is a 500, and it is logged.
 */
export function toProtocolError(error: unknown, logger: HandlerLogger): ProtocolError {
  if (error instanceof ProtocolError) return error;
  if (error instanceof StoreConflictError) {
    const details: Record<string, unknown> = {};
    if (error.code === "version_mismatch") details.currentVersion = error.currentVersion;
    if (error.index !== undefined) details.index = error.index;
    return new ProtocolError(error.code, CONFLICT_MESSAGES[error.code], details);
  }
  if (error instanceof StoreLimitError) return listTooLong(error.limit);
  if (error instanceof StoreReadLimitError) return batchReadTooLarge(error.limit, error.index);
  if (error instanceof StoreUnavailableError) {
    logger.warn({ err: error.cause ?? error }, "store unavailable");
    return new ProtocolError(
      "store_unavailable",
      "The storage engine is unavailable: retry after the Retry-After delay.",
    );
  }
  if (isClientHangUp(error)) {
    // Nobody is left to answer: the client's doing, not the server's.
    logger.debug?.({ err: error }, "the client closed the connection before its request arrived");
    return new ProtocolError(
      "invalid_request",
      "The connection closed before the request arrived in full: send the whole body.",
    );
  }
  logger.error({ err: error }, "unexpected error while serving a request");
  return new ProtocolError(
    "internal_error",
    "The server failed unexpectedly; this is a bug in the server. The request may be retried.",
  );
}

/** The HTTP response of a protocol error. */
export function errorResponse(error: ProtocolError): Response {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (error.code === "store_unavailable") headers["retry-after"] = "1";
  const rate = error.details.rateLimit as
    | { limit: number; remaining: number; reset: number }
    | undefined;
  if (rate) {
    headers["retry-after"] = String(rate.reset);
    headers["ratelimit-limit"] = String(rate.limit);
    headers["ratelimit-remaining"] = String(rate.remaining);
    headers["ratelimit-reset"] = String(rate.reset);
  }
  return new Response(JSON.stringify(error.toBody()), { status: error.status, headers });
}

/**
 * The same error in BotWire's FastAPI shape, `{"detail": "..."}`, for the BotWire-compatible
 * routes; status and headers (Retry-After, RateLimit-*) as for v1.
 */
export function detailResponse(error: ProtocolError): Response {
  const { headers } = errorResponse(error);
  return new Response(JSON.stringify({ detail: error.message }), { status: error.status, headers });
}

/** Node's error for a request whose client hung up before sending it in full. */
function isClientHangUp(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "ECONNRESET" && message === "aborted";
}
