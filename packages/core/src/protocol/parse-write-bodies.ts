import {
  optionalPositiveInteger,
  optionalTtl,
  requireObject,
  serializeValue,
} from "./body-fields.js";
import type { Limits } from "./limits.js";
import { ProtocolError } from "./protocol-error.js";

/** A validated value write: the value serialized once, ready for the store. */
export interface ParsedPut {
  value: string;
  ttl?: number;
}

/** A validated list append or replace: items serialized, in order. */
export interface ParsedItems {
  items: string[];
  ttl?: number;
  maxLength?: number;
}

/** Validates `PUT /v1/namespaces/{ns}/keys/{key}`: `{value, ttl?}`. */
export function parsePutBody(body: unknown, limits: Limits): ParsedPut {
  const fields = requireObject(body);
  if (!Object.hasOwn(fields, "value")) {
    throw new ProtocolError("invalid_request", 'The body needs a value field: {"value": ...}.', {
      field: "value",
    });
  }
  return { value: serializeValue(fields.value, limits.maxValueBytes), ttl: optionalTtl(fields) };
}

/** Validates `POST /v1/namespaces/{ns}/lists/{key}`: `{items, ttl?, maxLength?}`. */
export function parseAppendBody(body: unknown, limits: Limits): ParsedItems {
  const fields = requireObject(body);
  const items = parseItems(fields, limits.maxAppendItems, limits);
  if (items.length === 0) {
    throw new ProtocolError("invalid_request", "items must hold at least one item to append.", {
      field: "items",
    });
  }
  return {
    items,
    ttl: optionalTtl(fields),
    maxLength: optionalPositiveInteger(fields, "maxLength"),
  };
}

/** Validates `PUT /v1/namespaces/{ns}/lists/{key}`: `{items, ttl?}` (items may be empty). */
export function parseReplaceBody(body: unknown, limits: Limits): ParsedItems {
  const fields = requireObject(body);
  const max = Math.min(limits.maxReplaceItems, limits.maxListLength);
  return { items: parseItems(fields, max, limits), ttl: optionalTtl(fields) };
}

function parseItems(fields: Record<string, unknown>, maxItems: number, limits: Limits): string[] {
  const items = fields.items;
  if (!Array.isArray(items)) {
    throw new ProtocolError("invalid_request", "items must be a JSON array.", { field: "items" });
  }
  if (items.length > maxItems) {
    throw new ProtocolError(
      "limit_exceeded",
      `At most ${maxItems} items per request: split the write into several requests.`,
      { field: "items", limit: maxItems },
    );
  }
  return items.map((item, index) => serializeValue(item, limits.maxItemBytes, { index }));
}

/** 400 `limit_exceeded` for a list that would grow past the server's `maxListLength`. */
export function listTooLong(maxListLength: number): ProtocolError {
  return new ProtocolError(
    "limit_exceeded",
    `A list may hold at most ${maxListLength} items: pass maxLength to keep only the newest, or delete old items first.`,
    { field: "items", limit: maxListLength },
  );
}
