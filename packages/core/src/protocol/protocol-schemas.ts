import { ERROR_STATUS } from "./error-codes.js";
import {
  BOTWIRE_DEFAULT_LIST_LIMIT,
  BOTWIRE_MAX_LIST_LIMIT,
  BOTWIRE_MAX_VALUE_CHARS,
  DEFAULT_PAGE_SIZE,
  type Limits,
} from "./limits.js";
import { MAX_TTL_SECONDS } from "./ttl.js";

/** A JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it), as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

const integer = { type: "integer" } as const;
const text = { type: "string" } as const;
const time = { type: "integer", description: "Epoch milliseconds." } as const;
const nullableTime = { type: ["integer", "null"], description: "Epoch milliseconds, or null." };
const seconds = { type: "number", description: "Epoch seconds." } as const;
const anyJson = { description: "Any JSON value." } as const;

/** A closed object: every property listed, the named ones required. */
function object(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = Object.keys(properties),
): JsonSchema {
  return { type: "object", required, properties, additionalProperties: false };
}

/** A request body: unknown fields are ignored by the server, so they are allowed here. */
function body(properties: Record<string, JsonSchema>, required: readonly string[]): JsonSchema {
  return { type: "object", required, properties };
}

/**
 * Every request and response body of the protocol, both surfaces (v1 and BotWire-compatible),
 * as JSON Schemas named like the types of `wire.ts`, with the bounds of `limits`: the one
 * description the server's route table and `/openapi.json` are built from, and that the
 * validators of this folder are tested against.
 *
 * What a schema cannot say stays in code, in this folder only: byte sizes of serialized values
 * and bodies (`serializeValue`, `readBody`), nesting depth, duplicate keys and out-of-range
 * numbers (`scanJson`), UTF-8 byte lengths of keys (`isValidKey`) and lone surrogates.
 */
export function protocolSchemas(limits: Limits) {
  const key = keySchema(limits.maxKeyBytes);
  const ttl = {
    type: ["number", "null"],
    minimum: 0.001,
    maximum: MAX_TTL_SECONDS,
    description: "Seconds to live; null or absent for no expiry.",
  };
  const ifVersion = {
    type: ["integer", "null"],
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: "The key's current version must be this; 0: the key must be absent.",
  };
  const value = {
    description: `Any JSON value, at most ${limits.maxValueBytes} bytes once serialized.`,
  };
  const item = {
    description: `Any JSON value, at most ${limits.maxItemBytes} bytes once serialized.`,
  };
  const maxReplace = Math.min(limits.maxReplaceItems, limits.maxListLength);
  const writeResult = {
    key: text,
    version: integer,
    createdAt: time,
    updatedAt: time,
    expiresAt: nullableTime,
  };
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  return {
    Namespace: namespaceSchema(),
    Key: key,
    Entry: object({
      key: text,
      kind: { const: "value" },
      value: anyJson,
      version: integer,
      createdAt: time,
      updatedAt: time,
      expiresAt: nullableTime,
    }),
    PutRequest: body({ value, ttl }, ["value"]),
    PutResponse: object(writeResult),
    KeyInfo: object({
      key: text,
      kind: { enum: ["value", "list"] },
      bytes: integer,
      version: integer,
      updatedAt: time,
      expiresAt: nullableTime,
    }),
    ListKeysResponse: object({
      items: { type: "array", items: ref("KeyInfo") },
      nextCursor: { type: ["string", "null"], description: "Pass as cursor; null at the end." },
    }),
    BatchOp: {
      type: "object",
      required: ["key", "op"],
      // In the order the validator reports them: the key first, the op last.
      properties: { key, ifVersion, op: { enum: ["get", "set", "delete"] } },
      oneOf: [
        { properties: { op: { const: "get" } } },
        { properties: { op: { const: "delete" } } },
        { properties: { op: { const: "set" }, value, ttl }, required: ["value"] },
      ],
    },
    BatchRequest: body(
      {
        ops: { type: "array", minItems: 1, maxItems: limits.maxBatchOps, items: ref("BatchOp") },
      },
      ["ops"],
    ),
    BatchResult: {
      oneOf: [
        object({
          op: { const: "get" },
          key: text,
          found: { const: true },
          value: anyJson,
          version: integer,
          expiresAt: nullableTime,
        }),
        object({ op: { const: "get" }, key: text, found: { const: false } }),
        object({ op: { const: "set" }, created: { type: "boolean" }, ...writeResult }),
        object({ op: { const: "delete" }, key: text, deleted: { type: "boolean" } }),
      ],
    },
    BatchResponse: object({
      results: {
        type: "array",
        items: ref("BatchResult"),
        description: "One result per op, in order.",
      },
    }),
    AppendRequest: body(
      {
        items: { type: "array", minItems: 1, maxItems: limits.maxAppendItems, items: item },
        ttl,
        maxLength: {
          type: ["integer", "null"],
          minimum: 1,
          maximum: Number.MAX_SAFE_INTEGER,
          description: "Keep only the newest this many items.",
        },
      },
      ["items"],
    ),
    AppendResponse: object({
      length: integer,
      firstSeq: integer,
      lastSeq: integer,
      version: integer,
    }),
    ListItem: object({ seq: integer, value: anyJson }),
    RangeResponse: object({
      items: { type: "array", items: ref("ListItem") },
      length: integer,
      version: integer,
      nextAfter: {
        type: ["integer", "null"],
        description: `Pass as after to continue: the page hit its limit or the ${limits.maxReadBytes}-byte cap. Null at the end.`,
      },
    }),
    ReplaceListRequest: body(
      {
        items: {
          type: "array",
          items: item,
          ...(Number.isFinite(maxReplace) ? { maxItems: maxReplace } : {}),
        },
        ttl,
      },
      ["items"],
    ),
    ReplaceListResponse: object({ length: integer, version: integer }),
    Error: object({
      error: object(
        {
          code: { enum: Object.keys(ERROR_STATUS) },
          message: text,
          field: text,
          index: integer,
          limit: { type: "number" },
          currentVersion: { type: ["integer", "null"] },
          quota: { enum: ["writes", "storage"] },
          rateLimit: object({ limit: integer, remaining: integer, reset: integer }),
          reason: text,
        },
        ["code", "message"],
      ),
    }),
    TokenGrant: body(
      {
        namespaces: {
          type: "array",
          minItems: 1,
          maxItems: 100,
          items: { type: "string", pattern: "^[A-Za-z0-9_\\-.:*]{1,128}$" },
          description: "Namespace patterns; * matches any run of characters.",
        },
        readOnly: { type: "boolean" },
        ttl: { type: "number", minimum: 0.001, maximum: MAX_TTL_SECONDS },
        label: { type: "string", maxLength: 200 },
      },
      ["namespaces"],
    ),
    Token: object(
      {
        id: text,
        token: { type: "string", description: "The secret: only in the answer that mints it." },
        namespaces: { type: "array", items: text },
        readOnly: { type: "boolean" },
        label: { type: ["string", "null"] },
        createdAt: time,
        expiresAt: nullableTime,
      },
      ["id", "namespaces", "readOnly", "label", "createdAt", "expiresAt"],
    ),
    TokenList: object({ items: { type: "array", items: ref("Token") } }),
    NamespaceInfo: object({ namespace: text, keys: integer, bytes: integer }),
    NamespaceList: object({
      items: { type: "array", items: ref("NamespaceInfo") },
      nextCursor: { type: ["string", "null"], description: "Pass as cursor; null at the end." },
    }),
    OpenApiDocument: {
      type: "object",
      required: ["openapi", "info", "paths", "components"],
      properties: { openapi: { const: "3.1.0" } },
    },
    Status: object({ status: { enum: ["ok", "ready"] } }),
    MemoryPutRequest: body({ value: { type: "string", maxLength: BOTWIRE_MAX_VALUE_CHARS } }, [
      "value",
    ]),
    MemoryStored: object({
      namespace: text,
      key: text,
      stored: { const: true },
      bytes: integer,
    }),
    MemoryEntry: object({
      namespace: text,
      key: text,
      value: text,
      created_at: seconds,
      updated_at: seconds,
    }),
    MemoryDeleted: object({ deleted: { const: true }, namespace: text, key: text }),
    MemoryKeys: object({
      namespace: text,
      count: integer,
      keys: {
        type: "array",
        items: object({ key: text, bytes: integer, updated_at: seconds }),
        description: "Newest first.",
      },
    }),
    MemoryStats: object({
      total_entries: integer,
      total_namespaces: integer,
      total_bytes: integer,
    }),
    DetailError: object({
      detail: {
        oneOf: [
          text,
          {
            type: "array",
            items: object({
              type: text,
              loc: { type: "array", items: { type: ["string", "integer"] } },
              msg: text,
              input: anyJson,
            }),
          },
        ],
      },
    }),
  } satisfies Record<string, JsonSchema>;
}

/** The name of a schema of {@link protocolSchemas}. */
export type SchemaName = keyof ReturnType<typeof protocolSchemas>;

/** A namespace: 1–128 characters of `A-Z a-z 0-9 _ - . :`, not `.` or `..`. */
function namespaceSchema(): JsonSchema {
  return {
    type: "string",
    pattern: "^(?!\\.{1,2}$)[A-Za-z0-9_\\-.:]{1,128}$",
  };
}

/**
 * A key: plain text, not `.` or `..`. Its UTF-8 byte length is what is limited; a character
 * is at least one byte, so `maxLength` bounds it from above.
 */
function keySchema(maxKeyBytes: number): JsonSchema {
  return {
    type: "string",
    minLength: 1,
    maxLength: maxKeyBytes,
    pattern: "^(?!\\.{1,2}$)[^\\u0000-\\u001f\\u007f-\\u009f]+$",
    description: `1–${maxKeyBytes} bytes of UTF-8 without control characters or lone surrogates; percent-encoded in paths.`,
  };
}

/**
 * The query parameters of the routes that take some, with the bounds of `limits`: the
 * validators of `parse-queries.ts` enforce the same.
 */
export function protocolQueries(limits: Limits) {
  const positive = (maximum: number, extra: JsonSchema = {}) => ({
    type: "integer",
    minimum: 1,
    maximum,
    ...extra,
  });
  return {
    listKeys: {
      prefix: {
        type: "string",
        maxLength: limits.maxKeyBytes,
        description: "Only keys starting with it.",
      },
      limit: positive(limits.maxPageSize, { default: DEFAULT_PAGE_SIZE }),
      cursor: { type: "string", description: "nextCursor of the previous page, unchanged." },
    },
    range: {
      last: positive(limits.maxRangeItems, { description: "The newest N items." }),
      after: {
        type: "integer",
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: "Items with a greater seq.",
      },
      limit: positive(limits.maxRangeItems, { description: "At most N items after `after`." }),
    },
    recentKeys: {
      limit: positive(BOTWIRE_MAX_LIST_LIMIT, { default: BOTWIRE_DEFAULT_LIST_LIMIT }),
    },
    namespaces: {
      limit: positive(limits.maxPageSize, { default: DEFAULT_PAGE_SIZE }),
      cursor: { type: "string", description: "nextCursor of the previous page, unchanged." },
    },
  } satisfies Record<string, Record<string, JsonSchema>>;
}
