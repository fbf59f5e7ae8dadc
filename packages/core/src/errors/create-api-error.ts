import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";
import { BotWireAuthError } from "./botwire-auth-error.js";
import { BotWireConflictError } from "./botwire-conflict-error.js";
import { BotWireNotFoundError } from "./botwire-not-found-error.js";
import { BotWireQuotaError } from "./botwire-quota-error.js";
import { BotWireUnavailableError } from "./botwire-unavailable-error.js";
import { BotWireValidationError } from "./botwire-validation-error.js";
import { BotWireWrongKindError } from "./botwire-wrong-kind-error.js";
import { errorHint } from "./error-hint.js";

const MAX_BODY = 2048;

/**
 * The typed error for a failed response: reads the protocol's `{"error": {code, message}}`
 * body when there is one (a proxy's HTML page still gives an error with the status), and picks
 * the class by code, then by status.
 *
 * @param request the call, as `METHOD /path`, to name in the message
 * @param retryAfter the Retry-After header, in seconds
 */
export function createApiError(
  request: string,
  status: number,
  body: string,
  retryAfter?: number,
): BotWireApiError {
  let code = `http_${status}`;
  let serverMessage = body.slice(0, 200).trim() || `HTTP ${status}`;
  let details: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body) as { error?: Record<string, unknown> };
    if (parsed.error && typeof parsed.error.code === "string") {
      const { code: bodyCode, message, ...rest } = parsed.error;
      code = bodyCode;
      serverMessage = typeof message === "string" ? message : serverMessage;
      details = rest;
    }
  } catch {
    // Not a protocol error body (a proxy's HTML page, say): keep the status and raw text.
  }
  const hint = errorHint(status, code, details);
  const said = /[.!?]$/.test(serverMessage) ? serverMessage : `${serverMessage}.`;
  const init: BotWireApiErrorInit = {
    message: `${request} → ${status} ${code}: ${hint ? `${said} ${hint}` : serverMessage}`,
    statusCode: status,
    code,
    details,
    responseBody: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…` : body,
    // A 429 without Retry-After (the storage cap) does not pass with time.
    isRetryable: status === 429 ? retryAfter !== undefined : [502, 503, 504].includes(status),
  };
  if (status === 412 || code === "version_mismatch") return new BotWireConflictError(init);
  if (status === 409 || code === "wrong_kind") return new BotWireWrongKindError(init);
  if (status === 429) return new BotWireQuotaError({ ...init, retryAfter });
  if (status === 401 || status === 403) return new BotWireAuthError(init);
  if (status === 404) return new BotWireNotFoundError(init);
  if (status === 400 || status === 413 || status === 415 || status === 422) {
    return new BotWireValidationError(init);
  }
  if (status === 502 || status === 503 || status === 504) return new BotWireUnavailableError(init);
  return new BotWireApiError(init);
}
