import type { Exchange } from "./exchange-recorder.js";

/**
 * The slice of an Ajv instance (draft 2020-12, `ajv/dist/2020`, with `strict: false` so the
 * OpenAPI keywords around the schemas are ignored) that {@link openApiViolations} uses. Passed
 * in, so this package does not depend on Ajv.
 */
export interface SchemaValidator {
  addSchema(schema: object, key: string): unknown;
  validate(schema: object | string, data: unknown): boolean | PromiseLike<unknown>;
  errorsText(errors?: unknown): string;
  errors?: unknown;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

interface ParameterObject {
  name: string;
  in: string;
  schema: { type?: string | string[]; $ref?: string };
}

interface Document {
  paths: Record<string, Record<string, OperationObject | ParameterObject[]>>;
}

const DOCUMENT_ID = "https://botwire.invalid/openapi.json";
const ERROR_BODY = {
  anyOf: [
    { $ref: `${DOCUMENT_ID}#/components/schemas/Error` },
    { $ref: `${DOCUMENT_ID}#/components/schemas/DetailError` },
  ],
};

/**
 * What in `exchanges` disagrees with the OpenAPI `document` a server serves; empty when all
 * agree. Every response must have a status its operation documents and a body that validates
 * against it; a request the server accepted (2xx) must validate too: path, query and body. A
 * request to an undocumented route or method must have been refused (404, 405, or 401/403
 * before the route was known). One violation per exchange, with its method and URL. Pass a
 * fresh validator each time: the document is added to it.
 */
export function openApiViolations(
  document: object,
  exchanges: readonly Exchange[],
  validator: SchemaValidator,
): string[] {
  validator.addSchema(document, DOCUMENT_ID);
  const check = (schema: object, data: unknown, what: string): string | undefined => {
    if (validator.validate(absolute(schema), data) === true) return undefined;
    return `${what}: ${validator.errorsText(validator.errors)}`;
  };
  const violations: string[] = [];
  for (const exchange of exchanges) {
    const problem = violationOf(document as Document, exchange, check);
    if (problem)
      violations.push(`${exchange.method} ${exchange.url} → ${exchange.status}: ${problem}`);
  }
  return violations;
}

type Check = (schema: object, data: unknown, what: string) => string | undefined;

function violationOf(document: Document, exchange: Exchange, check: Check): string | undefined {
  const method = exchange.method.toLowerCase();
  // Preflights and HEADs are the framework's, not the protocol's.
  if (method === "options" || method === "head") return undefined;
  const url = new URL(exchange.url);
  const matched = matchPath(document, url.pathname);
  const operation = matched?.item[method] as OperationObject | undefined;
  if (!matched || !operation) {
    if (![401, 403, 404, 405].includes(exchange.status)) return "an undocumented route answered";
    return check(ERROR_BODY, parse(exchange.responseBody), "error body");
  }
  const response = operation.responses[String(exchange.status)];
  if (!response) return "status not documented";
  const schema = response.content?.["application/json"]?.schema;
  if (schema) {
    const body = parse(exchange.responseBody);
    if (body === undefined) return "response body is not JSON";
    const problem = check(schema, body, "response body");
    if (problem) return problem;
  } else if (!response.content && exchange.responseBody !== "") {
    return "response has a body its status does not document";
  }
  if (exchange.status >= 300) return undefined;
  const parameters = [
    ...((matched.item.parameters as ParameterObject[] | undefined) ?? []),
    ...(operation.parameters ?? []),
  ];
  for (const parameter of parameters) {
    const raw =
      parameter.in === "path"
        ? matched.params[parameter.name]
        : parameter.in === "query"
          ? (url.searchParams.get(parameter.name) ?? undefined)
          : undefined;
    if (raw === undefined) continue;
    const problem = check(parameter.schema, coerce(raw, parameter.schema), parameter.name);
    if (problem) return `the server accepted a request it documents as invalid: ${problem}`;
  }
  const bodySchema = operation.requestBody?.content["application/json"]?.schema;
  if (bodySchema) {
    const body = parse(exchange.requestBody ?? "");
    if (body === undefined) return "the server accepted a request body that is not JSON";
    const problem = check(bodySchema, body, "request body");
    if (problem) return `the server accepted a request it documents as invalid: ${problem}`;
  }
  return undefined;
}

function matchPath(document: Document, pathname: string) {
  const segments = pathname.split("/");
  for (const [path, item] of Object.entries(document.paths)) {
    const pattern = path.split("/");
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] as string;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      if (segment === "") return false;
      params[name] = safeDecode(segment);
      return true;
    });
    if (matches) return { item: item as Record<string, unknown>, params };
  }
  return undefined;
}

/** A query value as the schema's type: integers travel as digits. */
function coerce(raw: string, schema: ParameterObject["schema"]): unknown {
  return schema.type === "integer" && /^-?[0-9]+$/.test(raw) ? Number(raw) : raw;
}

/**
 * A document-relative `$ref` as the absolute reference Ajv compiles once and caches; other
 * schemas are objects of the document, cached by identity.
 */
function absolute(schema: object): object | string {
  const { $ref } = schema as { $ref?: unknown };
  return typeof $ref === "string" && $ref.startsWith("#") ? DOCUMENT_ID + $ref : schema;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
