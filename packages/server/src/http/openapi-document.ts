const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (description: string, schema: object) => ({ description, ...json(schema) });
const error = (description: string) => ({ description, ...json(ref("Error")) });
const body = (schema: object) => ({ required: true, ...json(schema) });

const namespace = {
  name: "ns",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_\\-.:]{1,128}$" },
};
const key = {
  name: "key",
  in: "path",
  required: true,
  description: "Percent-encoded; 1–512 bytes of UTF-8.",
  schema: { type: "string" },
};
const ifMatch = {
  name: "If-Match",
  in: "header",
  schema: { type: "string" },
  description: 'A version as "<v>", or *.',
};
const ifNoneMatch = {
  name: "If-None-Match",
  in: "header",
  schema: { type: "string", enum: ["*"] },
};
const ttl = { type: "number", minimum: 0.001, description: "Seconds to live." };
const nullableTime = { type: ["integer", "null"], description: "Epoch milliseconds, or null." };
const common = {
  "400": error(
    "Invalid name, body, query or header (invalid_request, invalid_json, invalid_key, invalid_namespace, limit_exceeded).",
  ),
  "401": error("Missing or unknown token."),
  "403": error("Token not allowed here."),
  "413": error("value_too_large or payload_too_large."),
  "415": error("Body is not application/json."),
  "429": error("quota_exceeded; see Retry-After."),
  "503": error("store_unavailable; see Retry-After."),
};

/** The OpenAPI 3.1 description of the v1 routes, served at `GET /openapi.json`. */
export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "BotWire memory server",
    version: "1.0.0",
    description:
      "Persistent key-value and chat-history memory for LLM agents. See docs/protocol.md.",
  },
  paths: {
    "/v1/namespaces/{ns}/keys/{key}": {
      parameters: [namespace, key],
      get: {
        summary: "Read a value",
        responses: {
          "200": ok("The value.", ref("Entry")),
          "404": error("not_found"),
          "409": error("wrong_kind: a list"),
          ...common,
        },
      },
      put: {
        summary: "Write a value",
        parameters: [ifMatch, ifNoneMatch],
        requestBody: body({ type: "object", required: ["value"], properties: { value: {}, ttl } }),
        responses: {
          "200": ok("Updated.", ref("WriteResult")),
          "201": ok("Created.", ref("WriteResult")),
          "409": error("wrong_kind: a list"),
          "412": error("version_mismatch, with currentVersion"),
          ...common,
        },
      },
      delete: {
        summary: "Delete a key of either kind",
        parameters: [ifMatch],
        responses: {
          "204": { description: "Deleted." },
          "404": error("not_found"),
          "412": error("version_mismatch"),
          ...common,
        },
      },
    },
    "/v1/namespaces/{ns}/keys": {
      parameters: [namespace],
      get: {
        summary: "List keys in byte order",
        parameters: [
          { name: "prefix", in: "query", schema: { type: "string" } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
          },
          { name: "cursor", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": ok("A page of keys.", {
            type: "object",
            properties: {
              items: { type: "array", items: ref("KeyInfo") },
              nextCursor: { type: ["string", "null"] },
            },
          }),
          ...common,
        },
      },
    },
    "/v1/namespaces/{ns}": {
      parameters: [namespace],
      delete: {
        summary: "Delete every key of the namespace",
        responses: { "204": { description: "Cleared." }, ...common },
      },
    },
    "/v1/namespaces/{ns}/batch": {
      parameters: [namespace],
      post: {
        summary: "Atomic batch of gets, sets and deletes",
        requestBody: body({
          type: "object",
          required: ["ops"],
          properties: { ops: { type: "array", maxItems: 1000, items: ref("BatchOp") } },
        }),
        responses: {
          "200": ok("One result per op, in order.", {
            type: "object",
            properties: { results: { type: "array", items: { type: "object" } } },
          }),
          "409": error("wrong_kind, with index"),
          "412": error("version_mismatch, with index and currentVersion; nothing was written"),
          ...common,
        },
      },
    },
    "/v1/namespaces/{ns}/lists/{key}": {
      parameters: [namespace, key],
      post: {
        summary: "Append items atomically",
        requestBody: body({
          type: "object",
          required: ["items"],
          properties: {
            items: { type: "array", minItems: 1, maxItems: 1000 },
            ttl,
            maxLength: { type: "integer", minimum: 1 },
          },
        }),
        responses: {
          "200": ok("Appended.", {
            type: "object",
            properties: {
              length: { type: "integer" },
              firstSeq: { type: "integer" },
              lastSeq: { type: "integer" },
              version: { type: "integer" },
            },
          }),
          "409": error("wrong_kind: a value"),
          ...common,
        },
      },
      get: {
        summary: "Read items, oldest first",
        parameters: [
          { name: "last", in: "query", schema: { type: "integer", minimum: 1, maximum: 10000 } },
          { name: "after", in: "query", schema: { type: "integer", minimum: 0 } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 10000 } },
        ],
        responses: {
          "200": ok("Items.", ref("ListRange")),
          "404": error("not_found"),
          "409": error("wrong_kind"),
          ...common,
        },
      },
      put: {
        summary: "Replace the whole list",
        parameters: [ifMatch, ifNoneMatch],
        requestBody: body({
          type: "object",
          required: ["items"],
          properties: { items: { type: "array" }, ttl },
        }),
        responses: {
          "200": ok("Replaced.", {
            type: "object",
            properties: { length: { type: "integer" }, version: { type: "integer" } },
          }),
          "409": error("wrong_kind"),
          "412": error("version_mismatch"),
          ...common,
        },
      },
      delete: {
        summary: "Delete the list",
        responses: {
          "204": { description: "Deleted." },
          "404": error("not_found"),
          "409": error("wrong_kind"),
          ...common,
        },
      },
    },
    "/v1/admin/tokens": {
      post: {
        summary:
          "Mint a scoped access token (admin token only); the secret is in this response only",
        requestBody: body({
          type: "object",
          required: ["namespaces"],
          properties: {
            namespaces: { type: "array", minItems: 1, items: { type: "string" } },
            readOnly: { type: "boolean" },
            ttl: { type: "number", exclusiveMinimum: 0 },
            label: { type: "string", maxLength: 200 },
          },
        }),
        responses: { "201": ok("The token, with its secret.", ref("Token")), ...common },
      },
      get: {
        summary: "List tokens that are not revoked (admin token only)",
        responses: {
          "200": ok("Tokens, without secrets.", {
            type: "object",
            properties: { items: { type: "array", items: ref("Token") } },
          }),
          ...common,
        },
      },
    },
    "/v1/admin/tokens/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      delete: {
        summary: "Revoke a token (admin token only)",
        responses: { "204": { description: "Revoked." }, "404": error("not_found"), ...common },
      },
    },
    "/healthz": { get: { summary: "Process is up", responses: { "200": { description: "Up." } } } },
    "/readyz": {
      get: {
        summary: "Store is reachable",
        responses: { "200": { description: "Ready." }, "503": error("store_unavailable") },
      },
    },
    "/metrics": {
      get: {
        summary: "Prometheus metrics",
        responses: { "200": { description: "Text exposition format." } },
      },
    },
  },
  // Optional: an open-mode server needs no token; one with an admin token needs it everywhere
  // but the health checks.
  security: [{}, { bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Token: {
        type: "object",
        properties: {
          id: { type: "string" },
          token: { type: "string", description: "Only when minted." },
          namespaces: { type: "array", items: { type: "string" } },
          readOnly: { type: "boolean" },
          label: { type: ["string", "null"] },
          createdAt: { type: "integer" },
          expiresAt: nullableTime,
        },
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: { code: { type: "string" }, message: { type: "string" } },
          },
        },
      },
      Entry: {
        type: "object",
        properties: {
          key: { type: "string" },
          kind: { const: "value" },
          value: {},
          version: { type: "integer" },
          createdAt: { type: "integer" },
          updatedAt: { type: "integer" },
          expiresAt: nullableTime,
        },
      },
      WriteResult: {
        type: "object",
        properties: {
          key: { type: "string" },
          version: { type: "integer" },
          createdAt: { type: "integer" },
          updatedAt: { type: "integer" },
          expiresAt: nullableTime,
        },
      },
      KeyInfo: {
        type: "object",
        properties: {
          key: { type: "string" },
          kind: { enum: ["value", "list"] },
          bytes: { type: "integer" },
          version: { type: "integer" },
          updatedAt: { type: "integer" },
          expiresAt: nullableTime,
        },
      },
      BatchOp: {
        type: "object",
        required: ["op", "key"],
        properties: {
          op: { enum: ["get", "set", "delete"] },
          key: { type: "string" },
          value: {},
          ttl,
          ifVersion: { type: "integer", minimum: 0 },
        },
      },
      ListRange: {
        type: "object",
        properties: {
          items: {
            type: "array",
            items: { type: "object", properties: { seq: { type: "integer" }, value: {} } },
          },
          length: { type: "integer" },
          version: { type: "integer" },
          nextAfter: {
            type: ["integer", "null"],
            description:
              "Pass as `after` to continue: the page hit its limit or the byte cap. Null at the end.",
          },
        },
      },
    },
  },
} as const;
