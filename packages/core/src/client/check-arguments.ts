import { BotWireValidationError } from "../errors/botwire-validation-error.js";
import { describeInvalidKey, isValidKey } from "../protocol/names.js";
import { describeValidTtl, isValidTtl } from "../protocol/ttl.js";
import type { SetOptions } from "./memory-types.js";

/**
 * A call the client refuses before sending anything: `statusCode` 0 and the code the server
 * would have answered with.
 */
export function invalidCall(
  code: "invalid_key" | "invalid_namespace" | "invalid_request",
  message: string,
): BotWireValidationError {
  return new BotWireValidationError({ message, statusCode: 0, code });
}

/** `key` percent-encoded for a path segment, or a validation error. */
export function encodeKey(key: string): string {
  // "." and ".." must never reach a URL: parsers rewrite them even when percent-encoded.
  if (!isValidKey(key)) throw invalidCall("invalid_key", describeInvalidKey());
  return encodeURIComponent(key);
}

/** A ttl JSON can carry: NaN or Infinity would silently arrive as null (no expiry). */
export function checkTtl(ttl: number | undefined): number | undefined {
  if (ttl === undefined || isValidTtl(ttl)) return ttl;
  throw invalidCall(
    "invalid_request",
    `${describeValidTtl()} (got ${ttl}); omit it for no expiry.`,
  );
}

/** The `If-Match` / `If-None-Match` header of `ifVersion` / `ifAbsent`. */
export function preconditionHeaders(options: SetOptions): Record<string, string> {
  if (options.ifVersion !== undefined && options.ifAbsent) {
    throw invalidCall("invalid_request", "Pass ifVersion or ifAbsent, not both.");
  }
  if (options.ifAbsent) return { "if-none-match": "*" };
  if (options.ifVersion !== undefined) return { "if-match": `"${options.ifVersion}"` };
  return {};
}
