import type { SerializerProtocol } from "@langchain/langgraph-checkpoint";

/**
 * A value as the saver's `serde` encoded it, inside JSON: the serde's type tag and its bytes in
 * base64. Base64 rather than parsed JSON, so any serde (binary ones too) round-trips exactly and
 * deep states never meet the server's JSON nesting limit.
 */
export type SerializedValue = {
  /** The serde's type tag (`"json"` for `JsonPlusSerializer`). */
  t: string;
  /** The serialized bytes, base64. */
  d: string;
};

/** Encodes `value` with `serde` into a {@link SerializedValue}. */
export async function dumpValue(
  serde: SerializerProtocol,
  value: unknown,
): Promise<SerializedValue> {
  const [t, bytes] = await serde.dumpsTyped(value);
  return { t, d: Buffer.from(bytes).toString("base64") };
}

/** Decodes a {@link SerializedValue} with `serde`. */
export function loadValue(serde: SerializerProtocol, value: SerializedValue): Promise<unknown> {
  return serde.loadsTyped(value.t, new Uint8Array(Buffer.from(value.d, "base64")));
}
