import { describeInvalidKey, isValidKey } from "./names.js";
import { ProtocolError } from "./protocol-error.js";
import { describeValidTtl, isValidTtl } from "./ttl.js";

const encoder = new TextEncoder();

/** UTF-8 byte length of a string. */
export function utf8Length(text: string): number {
  // Each UTF-16 unit is 1–3 UTF-8 bytes: skip the encode when the answer is obvious.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text.length : encoder.encode(text).byteLength;
}

/** The body as a JSON object, or 400 `invalid_request`. */
export function requireObject(body: unknown, field = "body"): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw notAnObject(field);
  return body as Record<string, unknown>;
}

/** 400 `invalid_request`: `field` is not a JSON object. */
export function notAnObject(field: string, details: Record<string, unknown> = {}): ProtocolError {
  return new ProtocolError("invalid_request", `${field} must be a JSON object.`, {
    ...details,
    field,
  });
}

/** 400 `invalid_request`: the `ttl` field is not a valid time-to-live. */
export function invalidTtl(details: Record<string, unknown> = {}): ProtocolError {
  return new ProtocolError("invalid_request", `${describeValidTtl()}; omit it for no expiry.`, {
    ...details,
    field: "ttl",
  });
}

/** 400 `invalid_request`: `field` is not a positive (or, with `allowZero`, non-negative) integer. */
export function notAnInteger(
  field: string,
  details: Record<string, unknown> = {},
  { allowZero = false } = {},
): ProtocolError {
  return new ProtocolError(
    "invalid_request",
    `${field} must be a ${allowZero ? "non-negative" : "positive"} integer.`,
    { ...details, field },
  );
}

/** Serializes a JSON value, refusing it with 413 `value_too_large` past `maxBytes`. */
export function serializeValue(
  value: unknown,
  maxBytes: number,
  details: Record<string, unknown> = {},
): string {
  const text = JSON.stringify(value);
  if (utf8Length(text) > maxBytes) {
    throw new ProtocolError(
      "value_too_large",
      `The value is larger than ${maxBytes} bytes once serialized: store less per key (split it over several keys or list items).`,
      { ...details, limit: maxBytes },
    );
  }
  return text;
}

/** The optional `ttl` field (seconds), or 400 `invalid_request`. */
export function optionalTtl(
  fields: Record<string, unknown>,
  details: Record<string, unknown> = {},
): number | undefined {
  const ttl = fields.ttl;
  if (ttl === undefined || ttl === null) return undefined;
  if (!isValidTtl(ttl)) throw invalidTtl(details);
  return ttl;
}

/** An optional positive integer field, or 400 `invalid_request`. */
export function optionalPositiveInteger(
  fields: Record<string, unknown>,
  field: string,
  details: Record<string, unknown> = {},
  { allowZero = false } = {},
): number | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < (allowZero ? 0 : 1)) {
    throw notAnInteger(field, details, { allowZero });
  }
  return value as number;
}

/** A key from a body field, or 400 `invalid_key`. */
export function requireKey(
  value: unknown,
  details: Record<string, unknown> = {},
  maxBytes?: number,
): string {
  if (!isValidKey(value, { maxBytes })) {
    throw new ProtocolError("invalid_key", describeInvalidKey(maxBytes), details);
  }
  return value;
}
