import type { SchemaName } from "@botwire/core/protocol";

/** An HTTP method a route may accept, as the router and OpenAPI spell it. */
export type Method = "get" | "put" | "post" | "delete";

/** A response of an operation: a body named by its schema, or an error described. */
export type ResponseSpec =
  /** A success, with its body's schema (none: an empty body, or text for `/metrics`). */
  | { description: string; schema?: SchemaName; text?: true }
  /** An error answer of the route's surface, described by its codes. */
  | string;

/** One method of a route: what it takes and what it answers. */
export interface Operation {
  summary: string;
  /** The JSON body it takes, and which of the server's body limits bounds it. */
  body?: { schema: SchemaName; limit: "value" | "items" | "token" };
  /** Its query parameters, by name in `protocolQueries`. */
  query?: "listKeys" | "range" | "recentKeys" | "namespaces";
  /** The precondition headers it reads: both, or `If-Match` only. */
  preconditions?: "both" | "ifMatch";
  /** Statuses it answers besides the errors every route of its kind can answer. */
  responses: Record<string, ResponseSpec>;
}

/** A route: who may call it, which error shape it answers with, and its methods. */
export interface RouteSpec {
  /** BotWire's hosted API: errors are `{"detail": ...}`. */
  compat?: true;
  /** Answers without a token. */
  public?: true;
  /** Needs the admin token. */
  admin?: true;
  operations: Partial<Record<Method, Operation>>;
}

const ok = (description: string, schema?: SchemaName) => ({ description, schema });
const deleted = { description: "Deleted." };
const WRONG_KIND_LIST = "wrong_kind: the key holds a list";
const WRONG_KIND_VALUE = "wrong_kind: the key holds a value";
const NOT_FOUND = "not_found: absent or expired";
const MISMATCH = "version_mismatch, with currentVersion (null when absent)";
const NO_RECENCY = "route_not_found: the storage engine keeps no recency index (RecencyStore)";

/**
 * Every route of the server, as router patterns (`:ns` a namespace, `:key` a key), with each
 * method's request and response shapes named from `protocolSchemas`: the one table the router,
 * the access control, the metrics, the 405 guards and `/openapi.json` all read.
 */
export const ROUTES = {
  "/v1/namespaces/:ns/keys/:key": {
    operations: {
      get: {
        summary: "Read a value (ETag: its version)",
        responses: { "200": ok("The value.", "Entry"), "404": NOT_FOUND, "409": WRONG_KIND_LIST },
      },
      put: {
        summary: "Write a value",
        body: { schema: "PutRequest", limit: "value" },
        preconditions: "both",
        responses: {
          "200": ok("Updated.", "PutResponse"),
          "201": ok("Created.", "PutResponse"),
          "409": WRONG_KIND_LIST,
          "412": MISMATCH,
        },
      },
      delete: {
        summary: "Delete a key of either kind",
        preconditions: "ifMatch",
        responses: { "204": deleted, "404": NOT_FOUND, "412": MISMATCH },
      },
    },
  },
  "/v1/namespaces/:ns/keys": {
    operations: {
      get: {
        summary: "List keys in byte order",
        query: "listKeys",
        responses: { "200": ok("A page of keys.", "ListKeysResponse") },
      },
    },
  },
  "/v1/namespaces/:ns/lists/:key": {
    operations: {
      get: {
        summary: "Read items, oldest first (ETag: the list's version)",
        query: "range",
        responses: {
          "200": ok("Items.", "RangeResponse"),
          "404": NOT_FOUND,
          "409": WRONG_KIND_VALUE,
        },
      },
      post: {
        summary: "Append items atomically",
        body: { schema: "AppendRequest", limit: "items" },
        responses: { "200": ok("Appended.", "AppendResponse"), "409": WRONG_KIND_VALUE },
      },
      put: {
        summary: "Replace the whole list",
        body: { schema: "ReplaceListRequest", limit: "items" },
        preconditions: "both",
        responses: {
          "200": ok("Replaced.", "ReplaceListResponse"),
          "409": WRONG_KIND_VALUE,
          "412": MISMATCH,
        },
      },
      delete: {
        summary: "Delete the list",
        responses: { "204": deleted, "404": NOT_FOUND, "409": WRONG_KIND_VALUE },
      },
    },
  },
  "/v1/namespaces/:ns/batch": {
    operations: {
      post: {
        summary: "Atomic batch of gets, sets and deletes",
        body: { schema: "BatchRequest", limit: "items" },
        responses: {
          "200": ok("One result per op, in order.", "BatchResponse"),
          "409": "wrong_kind, with index; nothing was written",
          "412": "version_mismatch, with index and currentVersion; nothing was written",
        },
      },
    },
  },
  "/v1/namespaces/:ns": {
    operations: {
      delete: {
        summary: "Delete every key of the namespace",
        responses: { "204": { description: "Cleared (also when already empty)." } },
      },
    },
  },
  "/memory/:ns/:key": {
    compat: true,
    operations: {
      get: {
        summary: "Read a key as a string (BotWire)",
        responses: {
          "200": ok("The value.", "MemoryEntry"),
          "404": "Key not found",
          "413": "A list too large for one response: read it with the v1 list routes",
        },
      },
      put: {
        summary: "Write a string (BotWire)",
        body: { schema: "MemoryPutRequest", limit: "value" },
        responses: {
          "200": ok("Stored.", "MemoryStored"),
          "409": WRONG_KIND_LIST,
          "422": "The body is not JSON, or value is missing or not a string",
        },
      },
      delete: {
        summary: "Delete a key (BotWire)",
        responses: { "200": ok("Deleted.", "MemoryDeleted"), "404": "Key not found" },
      },
    },
  },
  "/memory/:ns": {
    compat: true,
    operations: {
      get: {
        summary: "The namespace's keys, newest first (BotWire)",
        query: "recentKeys",
        responses: { "200": ok("Keys.", "MemoryKeys"), "404": NO_RECENCY },
      },
    },
  },
  "/stats/memory": {
    compat: true,
    admin: true,
    operations: {
      get: {
        summary: "Totals over every namespace (BotWire)",
        responses: { "200": ok("Totals.", "MemoryStats"), "404": NO_RECENCY },
      },
    },
  },
  "/health": {
    public: true,
    operations: {
      get: { summary: "Process is up (BotWire)", responses: { "200": ok("Up.", "Status") } },
    },
  },
  "/healthz": {
    public: true,
    operations: { get: { summary: "Process is up", responses: { "200": ok("Up.", "Status") } } },
  },
  "/readyz": {
    public: true,
    operations: {
      get: {
        summary: "Store is reachable",
        responses: { "200": ok("Ready.", "Status"), "503": "store_unavailable" },
      },
    },
  },
  "/metrics": {
    admin: true,
    operations: {
      get: {
        summary: "Prometheus metrics",
        responses: { "200": { description: "Text exposition format.", text: true } },
      },
    },
  },
  "/openapi.json": {
    public: true,
    operations: {
      get: {
        summary: "This document, with the server's limits",
        responses: { "200": ok("OpenAPI 3.1.", "OpenApiDocument") },
      },
    },
  },
  "/v1/admin/tokens": {
    admin: true,
    operations: {
      get: {
        summary: "List tokens that are not revoked (admin token only)",
        responses: { "200": ok("Tokens, without secrets.", "TokenList") },
      },
      post: {
        summary: "Mint a scoped access token (admin token only); the secret is in this answer only",
        body: { schema: "TokenGrant", limit: "token" },
        responses: { "201": ok("The token, with its secret.", "Token") },
      },
    },
  },
  "/v1/admin/tokens/:id": {
    admin: true,
    operations: {
      delete: {
        summary: "Revoke a token (admin token only)",
        responses: { "204": deleted, "404": "not_found" },
      },
    },
  },
  "/v1/admin/namespaces": {
    admin: true,
    operations: {
      get: {
        summary: "Namespaces with live keys, their key counts and bytes, a page at a time",
        query: "namespaces",
        responses: {
          "200": ok("A page of namespaces.", "NamespaceList"),
          "404": "route_not_found: the storage engine cannot list namespaces (NamespaceListing)",
        },
      },
    },
  },
  "/ui": {
    public: true,
    operations: {
      get: {
        summary: "The inspector page (only with --ui)",
        responses: {
          "200": { description: "HTML.", text: true },
          "404": "route_not_found: the server runs without --ui",
        },
      },
    },
  },
  "/ui/:file": {
    public: true,
    operations: {
      get: {
        summary: "A file of the inspector page (only with --ui)",
        responses: {
          "200": { description: "JavaScript, CSS or SVG.", text: true },
          "404": "route_not_found: no such file, or the server runs without --ui",
        },
      },
    },
  },
} as const satisfies Record<string, RouteSpec>;

/** A route pattern of {@link ROUTES}. */
export type RoutePattern = keyof typeof ROUTES;

/** The methods a route accepts, upper case, as an `Allow` header lists them. */
export function allowedMethods(route: RoutePattern): string {
  return Object.keys(ROUTES[route].operations)
    .map((method) => method.toUpperCase())
    .join(", ");
}

/** Whether `method` (any case) is one the route accepts. */
export function acceptsMethod(route: RoutePattern, method: string): boolean {
  return Object.hasOwn(ROUTES[route].operations, method.toLowerCase());
}
