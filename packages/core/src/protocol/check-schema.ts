import type { JsonSchema } from "./protocol-schemas.js";

/** Where a value first breaks its schema: the path to the field and the keyword it breaks. */
export interface SchemaFailure {
  /** Property names and array indexes from the root; a missing property ends the path. */
  readonly path: readonly (string | number)[];
  /** The JSON Schema keyword that failed, e.g. `type`, `required`, `maxItems`. */
  readonly keyword: string;
}

/** Resolves a `$ref` of the schema being checked. */
export type ResolveRef = (ref: string) => JsonSchema;

const patterns = new Map<string, RegExp>();

/**
 * The first place `value` breaks `schema`, or undefined when it fits. Interprets exactly the
 * subset of JSON Schema 2020-12 that {@link protocolSchemas} uses (`type`, `enum`, `const`,
 * `required`, `properties`, `additionalProperties: false`, `items`, `minItems`, `maxItems`,
 * `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`, `oneOf`, `$ref`), so that the
 * validators derive their shape checks from that table while `@botwire/core` keeps no runtime
 * dependency. Properties are checked in the schema's order, so the field reported is the one a
 * reader of the schema would look at first.
 */
export function checkSchema(
  schema: JsonSchema,
  value: unknown,
  resolve: ResolveRef = unresolvable,
  path: readonly (string | number)[] = [],
): SchemaFailure | undefined {
  const fail = (keyword: string): SchemaFailure => ({ path, keyword });
  if (typeof schema.$ref === "string") {
    return checkSchema(resolve(schema.$ref), value, resolve, path);
  }
  if (schema.type !== undefined && !hasType(schema.type as string | string[], value)) {
    return fail("type");
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return fail("enum");
  if ("const" in schema && schema.const !== value) return fail("const");
  const failure =
    typeof value === "number"
      ? checkNumber(schema, value)
      : typeof value === "string"
        ? checkString(schema, value)
        : Array.isArray(value)
          ? checkArray(schema, value, resolve, path)
          : isObject(value)
            ? checkObject(schema, value, resolve, path)
            : undefined;
  if (failure !== undefined) return typeof failure === "string" ? fail(failure) : failure;
  if (Array.isArray(schema.oneOf)) {
    const matches = schema.oneOf.filter(
      (branch: JsonSchema) => checkSchema(branch, value, resolve, path) === undefined,
    );
    if (matches.length !== 1) return fail("oneOf");
  }
  return undefined;
}

function hasType(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((name) => {
    switch (name) {
      case "null":
        return value === null;
      case "integer":
        return Number.isInteger(value);
      case "number":
        return typeof value === "number" && Number.isFinite(value);
      case "array":
        return Array.isArray(value);
      case "object":
        return isObject(value);
      default:
        return typeof value === name;
    }
  });
}

function checkNumber(schema: JsonSchema, value: number): string | undefined {
  if (typeof schema.minimum === "number" && value < schema.minimum) return "minimum";
  if (typeof schema.maximum === "number" && value > schema.maximum) return "maximum";
  return undefined;
}

function checkString(schema: JsonSchema, value: string): string | undefined {
  // JSON Schema counts characters as code points, not UTF-16 units.
  const length =
    schema.minLength === undefined && schema.maxLength === undefined ? 0 : [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) return "minLength";
  if (typeof schema.maxLength === "number" && length > schema.maxLength) return "maxLength";
  if (typeof schema.pattern === "string" && !compile(schema.pattern).test(value)) return "pattern";
  return undefined;
}

function checkArray(
  schema: JsonSchema,
  value: unknown[],
  resolve: ResolveRef,
  path: readonly (string | number)[],
): SchemaFailure | string | undefined {
  if (typeof schema.minItems === "number" && value.length < schema.minItems) return "minItems";
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) return "maxItems";
  const items = schema.items as JsonSchema | undefined;
  if (items === undefined) return undefined;
  for (let index = 0; index < value.length; index++) {
    const failure = checkSchema(items, value[index], resolve, [...path, index]);
    if (failure !== undefined) return failure;
  }
  return undefined;
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  resolve: ResolveRef,
  path: readonly (string | number)[],
): SchemaFailure | undefined {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const names = [...Object.keys(properties), ...required.filter((name) => !(name in properties))];
  for (const name of names) {
    if (!Object.hasOwn(value, name)) {
      if (required.includes(name)) return { path: [...path, name], keyword: "required" };
      continue;
    }
    const property = properties[name];
    const failure = property && checkSchema(property, value[name], resolve, [...path, name]);
    if (failure) return failure;
  }
  if (schema.additionalProperties === false) {
    const extra = Object.keys(value).find((name) => !Object.hasOwn(properties, name));
    if (extra !== undefined) return { path: [...path, extra], keyword: "additionalProperties" };
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compile(pattern: string): RegExp {
  let regexp = patterns.get(pattern);
  if (regexp === undefined) {
    // As ajv does: JSON Schema patterns are Unicode-aware regular expressions.
    regexp = new RegExp(pattern, "u");
    patterns.set(pattern, regexp);
  }
  return regexp;
}

function unresolvable(ref: string): JsonSchema {
  throw new Error(`checkSchema: no resolver for ${ref}`);
}
