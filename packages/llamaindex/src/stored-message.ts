import type { JsonValue } from "@botwire/core";

/**
 * A message as a list item. No copy: the request body is JSON, so a `Date` (a Memory message's
 * `createdAt`) is sent as its ISO string and `undefined` fields are dropped.
 */
export function toStored(message: object): JsonValue {
  return message as JsonValue;
}

/** A stored message back in the framework's shape: `createdAt` is a `Date` again. */
export function fromStored<M>(stored: JsonValue): M {
  const message = stored as { createdAt?: unknown };
  return (
    typeof message.createdAt === "string"
      ? { ...message, createdAt: new Date(message.createdAt) }
      : message
  ) as M;
}
