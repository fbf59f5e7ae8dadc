import type { JsonValue } from "@botwire/core";
import { invalidItems } from "./invalid-items.js";

/** Tag of an encoded `Uint8Array` (inline image or file bytes): `{ "$botwire:bytes": base64 }`. */
const BYTES = "$botwire:bytes";

/**
 * An SDK item as the JSON the server stores. JSON has no bytes, so a `Uint8Array` (the inline
 * `data` of an image or file) becomes a tagged base64 string instead of an object of indexes
 * that the SDK's schemas would reject on the way back. `undefined` fields are dropped, as JSON
 * does.
 * @throws {BotWireValidationError} for what JSON cannot hold (cycles, BigInt, functions)
 */
export function encodeItem(item: unknown): JsonValue {
  try {
    const text = JSON.stringify(item, (_key, value: unknown) =>
      value instanceof Uint8Array ? { [BYTES]: Buffer.from(value).toString("base64") } : value,
    );
    if (text === undefined) throw new TypeError(`${typeof item} is not JSON`);
    return JSON.parse(text) as JsonValue;
  } catch (cause) {
    throw invalidItems(`a session item cannot be stored as JSON (${String(cause)})`, cause);
  }
}

/** A stored item back in the SDK's shape: tagged bytes become a `Uint8Array` again. */
export function decodeItem<T>(stored: JsonValue): T {
  return revive(stored) as T;
}

function revive(value: JsonValue): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  const bytes = value[BYTES];
  if (keys.length === 1 && typeof bytes === "string") {
    return new Uint8Array(Buffer.from(bytes, "base64"));
  }
  return Object.fromEntries(keys.map((key) => [key, revive(value[key] as JsonValue)]));
}
