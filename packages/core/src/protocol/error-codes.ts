/**
 * Every machine-readable error code of the v1 protocol, with the HTTP status it travels with.
 * The server raises them, the mock copies them, and the client maps them to error classes.
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_namespace: 400,
  invalid_key: 400,
  limit_exceeded: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  wrong_kind: 409,
  version_mismatch: 412,
  value_too_large: 413,
  payload_too_large: 413,
  unsupported_media_type: 415,
  quota_exceeded: 429,
  internal_error: 500,
  store_unavailable: 503,
  server_busy: 503,
} as const;

/** A v1 error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Whether `code` is one of the protocol's error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);
}
