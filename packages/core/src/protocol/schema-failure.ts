import { checkSchema, type SchemaFailure } from "./check-schema.js";
import type { Limits } from "./limits.js";
import { protocolSchemas, type SchemaName } from "./protocol-schemas.js";

type Schemas = ReturnType<typeof protocolSchemas>;

// The server passes one resolved Limits object to every request: build its table once.
const tables = new WeakMap<Limits, Schemas>();
const REF_PREFIX = "#/components/schemas/";

/**
 * Where `value` first breaks the schema `name` of {@link protocolSchemas} for `limits`, or
 * undefined when it fits: the shape checks of the validators, derived from the one table.
 */
export function schemaFailure(
  name: SchemaName,
  value: unknown,
  limits: Limits,
): SchemaFailure | undefined {
  let schemas = tables.get(limits);
  if (schemas === undefined) {
    schemas = protocolSchemas(limits);
    tables.set(limits, schemas);
  }
  const table = schemas;
  return checkSchema(
    table[name],
    value,
    (ref) => table[ref.slice(REF_PREFIX.length) as SchemaName],
  );
}
