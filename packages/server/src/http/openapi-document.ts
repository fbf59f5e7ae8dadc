import {
  type JsonSchema,
  type Limits,
  protocolQueries,
  protocolSchemas,
} from "@botwire/core/protocol";
import type { ResolvedHandlerOptions } from "./handler-options.js";
import { type Method, type Operation, ROUTES, type RouteSpec } from "./routes.js";

const json = (schema: JsonSchema) => ({ content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const IF_MATCH = {
  name: "If-Match",
  in: "header",
  schema: { type: "string" },
  description: 'Only if the key has this version: "<v>", <v>, W/"<v>", or * (it exists).',
};
const IF_NONE_MATCH = {
  name: "If-None-Match",
  in: "header",
  schema: { type: "string", enum: ["*"] },
  description: "Only if the key is absent.",
};

/** Errors any route may answer, by the kind of route. */
function commonErrors(spec: RouteSpec, operation: Operation): Record<string, string> {
  if (spec.public) return { "500": "internal_error" };
  const errors: Record<string, string> = {
    "400":
      "invalid_request, invalid_json, invalid_namespace, invalid_key or limit_exceeded, with field, index and limit where they apply",
    "401": "unauthorized: missing, unknown, revoked or expired token",
    "403": "forbidden: the token may not use this namespace or route, or is read-only",
    "429":
      'quota_exceeded: quota "writes" (the daily quota; see Retry-After) or "storage" (the namespace\'s cap; nothing was written)',
    "500": "internal_error: a bug in the server",
    "503":
      "store_unavailable: the storage engine did not answer in time (see Retry-After; a write's outcome is unknown), or server_busy",
  };
  if (operation.body) {
    errors["413"] = "value_too_large or payload_too_large, with limit";
    errors["415"] = "unsupported_media_type: the body is not application/json";
  }
  return errors;
}

function operationObject(spec: RouteSpec, operation: Operation, limits: Limits, maxBody: number) {
  const errorSchema = ref(spec.compat ? "DetailError" : "Error");
  const responses: Record<string, object> = {};
  for (const [status, response] of Object.entries({
    ...commonErrors(spec, operation),
    ...operation.responses,
  })) {
    if (typeof response === "string") {
      responses[status] = { description: response, ...json(errorSchema) };
    } else if (response.text) {
      responses[status] = {
        description: response.description,
        content: { "text/plain": { schema: { type: "string" } } },
      };
    } else {
      const body = response.schema ? json(ref(response.schema)) : {};
      responses[status] = { description: response.description, ...body };
    }
  }
  const parameters: object[] = [];
  if (operation.preconditions) parameters.push(IF_MATCH);
  if (operation.preconditions === "both") parameters.push(IF_NONE_MATCH);
  if (operation.query) {
    for (const [name, schema] of Object.entries(protocolQueries(limits)[operation.query])) {
      parameters.push({ name, in: "query", schema });
    }
  }
  return {
    summary: operation.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            description: `At most ${maxBody} bytes.`,
            ...json(ref(operation.body.schema)),
          },
        }
      : {}),
    responses,
    ...(spec.public ? { security: [] } : {}),
  };
}

/** The OpenAPI path of a router pattern: `/memory/:ns` is `/memory/{ns}`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/:(\w+)/g, "{$1}");
}

/**
 * The OpenAPI 3.1 description of every route, served at `GET /openapi.json`: built from the
 * route table and the protocol's schemas with the server's own limits, so it always says what
 * this server accepts.
 */
export function openApiDocument(options: ResolvedHandlerOptions) {
  const { limits } = options;
  const bodyBytes = {
    value: options.maxValueBodyBytes,
    items: options.maxBodyBytes,
    token: options.maxTokenBodyBytes,
  };
  const schemas = protocolSchemas(limits);
  const paths: Record<string, object> = {};
  for (const [pattern, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const item: Record<string, unknown> = {};
    const parameters = pathParameters(pattern);
    if (parameters.length > 0) item.parameters = parameters;
    for (const [method, operation] of Object.entries(spec.operations) as [Method, Operation][]) {
      const maxBody = operation.body && bodyBytes[operation.body.limit];
      item[method] = operationObject(spec, operation, limits, maxBody ?? 0);
    }
    paths[openApiPath(pattern)] = item;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "BotWire memory server",
      version: "1.0.0",
      description:
        "Persistent key-value and chat-history memory for LLM agents: the v1 protocol and the BotWire-compatible routes (/memory, /stats, /health). See docs/protocol.md.",
    },
    paths,
    // Optional: an open-mode server needs no token; one with an admin token needs it everywhere
    // but the public routes.
    security: [{}, { bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas,
    },
  };
}

function pathParameters(pattern: string): object[] {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
  return names.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: name === "ns" ? ref("Namespace") : name === "key" ? ref("Key") : { type: "string" },
  }));
}
