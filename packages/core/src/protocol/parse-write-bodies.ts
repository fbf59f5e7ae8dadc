import {
  invalidTtl,
  notAnInteger,
  notAnObject,
  optionalPositiveInteger,
  optionalTtl,
  serializeValue,
} from "./body-fields.js";
import type { SchemaFailure } from "./check-schema.js";
import type { Limits } from "./limits.js";
import { ProtocolError } from "./protocol-error.js";
import { schemaFailure } from "./schema-failure.js";

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
  const failure = schemaFailure("PutRequest", body, limits);
  if (failure !== undefined) throw writeBodyError(failure, limits.maxAppendItems);
  const fields = body as Record<string, unknown>;
  return { value: serializeValue(fields.value, limits.maxValueBytes), ttl: optionalTtl(fields) };
}

/** Validates `POST /v1/namespaces/{ns}/lists/{key}`: `{items, ttl?, maxLength?}`. */
export function parseAppendBody(body: unknown, limits: Limits): ParsedItems {
  const failure = schemaFailure("AppendRequest", body, limits);
  if (failure !== undefined) throw writeBodyError(failure, limits.maxAppendItems);
  const fields = body as Record<string, unknown>;
  return {
    items: serializeItems(fields.items as unknown[], limits),
    ttl: optionalTtl(fields),
    maxLength: optionalPositiveInteger(fields, "maxLength"),
  };
}

/** Validates `PUT /v1/namespaces/{ns}/lists/{key}`: `{items, ttl?}` (items may be empty). */
export function parseReplaceBody(body: unknown, limits: Limits): ParsedItems {
  const failure = schemaFailure("ReplaceListRequest", body, limits);
  if (failure !== undefined) {
    throw writeBodyError(failure, Math.min(limits.maxReplaceItems, limits.maxListLength));
  }
  const fields = body as Record<string, unknown>;
  return { items: serializeItems(fields.items as unknown[], limits), ttl: optionalTtl(fields) };
}

function serializeItems(items: unknown[], limits: Limits): string[] {
  return items.map((item, index) => serializeValue(item, limits.maxItemBytes, { index }));
}

/** The error of a write body that breaks its schema, by the field it breaks. */
function writeBodyError(failure: SchemaFailure, maxItems: number): ProtocolError {
  const [field] = failure.path;
  switch (field) {
    case undefined:
      return notAnObject("body");
    case "value":
      return new ProtocolError("invalid_request", 'The body needs a value field: {"value": ...}.', {
        field,
      });
    case "ttl":
      return invalidTtl();
    case "maxLength":
      return notAnInteger(field);
    default:
      if (failure.keyword === "maxItems") {
        return new ProtocolError(
          "limit_exceeded",
          `At most ${maxItems} items per request: split the write into several requests.`,
          { field: "items", limit: maxItems },
        );
      }
      if (failure.keyword === "minItems") {
        return new ProtocolError(
          "invalid_request",
          "items must hold at least one item to append.",
          {
            field: "items",
          },
        );
      }
      return new ProtocolError("invalid_request", "items must be a JSON array.", {
        field: "items",
      });
  }
}

/** 400 `limit_exceeded` for a list that would grow past the server's `maxListLength`. */
export function listTooLong(maxListLength: number): ProtocolError {
  return new ProtocolError(
    "limit_exceeded",
    `A list may hold at most ${maxListLength} items: pass maxLength to keep only the newest, or delete old items first.`,
    { field: "items", limit: maxListLength },
  );
}
