import { DEFAULT_PAGE_SIZE, DEFAULT_RANGE_PAGE, type Limits } from "./limits.js";
import { isValidKey, isValidKeyPrefix } from "./names.js";
import { ProtocolError } from "./protocol-error.js";
import { protocolQueries } from "./protocol-schemas.js";

/** A validated key listing query. `after` is the key the cursor points past. */
export interface ParsedListQuery {
  prefix?: string;
  after?: string;
  limit: number;
}

/** A validated list read: the newest `last` items, or items after a seq. */
export type ParsedRangeQuery = { last: number } | { after: number; limit: number };

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The opaque cursor that continues a key listing after `key`. */
export function encodeCursor(key: string): string {
  let binary = "";
  for (const byte of encoder.encode(key)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** The key a cursor continues after, or 400 `invalid_request`. */
export function decodeCursor(cursor: string): string {
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const key = decoder.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    if (isValidKey(key)) return key;
  } catch {
    // Reported below, with the same message as a cursor that decodes to no valid key.
  }
  throw new ProtocolError(
    "invalid_request",
    "cursor is not one this server returned: pass nextCursor unchanged.",
    {
      field: "cursor",
    },
  );
}

/** Validates `?prefix=&limit=&cursor=` of `GET /v1/namespaces/{ns}/keys`. */
export function parseListQuery(query: URLSearchParams, limits: Limits): ParsedListQuery {
  const schema = protocolQueries(limits).listKeys;
  const prefix = query.get("prefix") || undefined;
  const cursor = query.get("cursor") || undefined;
  if (prefix !== undefined && !isValidKeyPrefix(prefix, { maxBytes: limits.maxKeyBytes })) {
    throw new ProtocolError(
      "invalid_request",
      `prefix must be at most ${limits.maxKeyBytes} bytes of UTF-8 without control characters: no key could start with it.`,
      { field: "prefix" },
    );
  }
  return {
    prefix,
    after: cursor === undefined ? undefined : decodeCursor(cursor),
    limit: integerParam(query, "limit", schema.limit) ?? DEFAULT_PAGE_SIZE,
  };
}

/** Validates `?last=N` or `?after=SEQ&limit=N` of `GET /v1/namespaces/{ns}/lists/{key}`. */
export function parseRangeQuery(query: URLSearchParams, limits: Limits): ParsedRangeQuery {
  const schema = protocolQueries(limits).range;
  const last = integerParam(query, "last", schema.last);
  const after = integerParam(query, "after", schema.after);
  const limit = integerParam(query, "limit", schema.limit);
  if (last !== undefined) {
    if (after !== undefined || limit !== undefined) {
      throw new ProtocolError("invalid_request", "Use either last=N, or after=SEQ with limit=N.", {
        field: "last",
      });
    }
    return { last };
  }
  if (after === undefined && limit === undefined) {
    return { after: 0, limit: limits.maxRangeItems };
  }
  return { after: after ?? 0, limit: limit ?? Math.min(DEFAULT_RANGE_PAGE, limits.maxRangeItems) };
}

/** An integer query parameter within its schema's bounds, or undefined when absent. */
function integerParam(
  query: URLSearchParams,
  name: string,
  { minimum: min, maximum: max }: { minimum: number; maximum: number },
): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new ProtocolError(
      "invalid_request",
      `${name} must be an integer from ${min} to ${max}.`,
      {
        field: name,
      },
    );
  }
  return value;
}
