import { createHash } from "node:crypto";
import type { JsonValue } from "@botwire/core";

/** JSON text with every object's keys sorted: equal for structurally equal values. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const fields = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`);
  return `{${fields.join(",")}}`;
}

/**
 * A short fingerprint of `value` (128 bits of SHA-256 of its canonical JSON, base64url): what
 * the session header records instead of operation ids and transactions, so that every record
 * has the same small size whatever the caller passes.
 */
export function fingerprint(value: JsonValue): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url").slice(0, 22);
}
