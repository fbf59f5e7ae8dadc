import {
  invalidTtl,
  notAnInteger,
  notAnObject,
  optionalPositiveInteger,
  optionalTtl,
  requireKey,
  serializeValue,
} from "./body-fields.js";
import type { SchemaFailure } from "./check-schema.js";
import type { Limits } from "./limits.js";
import { ProtocolError } from "./protocol-error.js";
import { schemaFailure } from "./schema-failure.js";

/** A validated batch op; a set's value is serialized. `ifVersion` 0 means "must be absent". */
export type ParsedBatchOp =
  | { op: "get"; key: string }
  | { op: "set"; key: string; value: string; ttl?: number; ifVersion?: number }
  | { op: "delete"; key: string; ifVersion?: number };

/** Validates `POST /v1/namespaces/{ns}/batch`: `{ops: [...]}`; errors name the op's `index`. */
export function parseBatchBody(body: unknown, limits: Limits): ParsedBatchOp[] {
  const failure = schemaFailure("BatchRequest", body, limits);
  // Failures inside an op are reported op by op below, after that op's hand-written key check.
  if (failure !== undefined && failure.path.length < 2) throw batchError(failure, limits);
  const ops = (body as { ops: unknown[] }).ops;
  return ops.map((raw, index): ParsedBatchOp => {
    const at = { index };
    const opFailure = schemaFailure("BatchOp", raw, limits);
    if (opFailure?.path.length === 0 && opFailure.keyword === "type") {
      throw notAnObject(`ops[${index}]`);
    }
    const fields = raw as Record<string, unknown>;
    const key = requireKey(fields.key, at, limits.maxKeyBytes);
    if (opFailure !== undefined) throw batchOpError(opFailure, fields, index);
    const ifVersion = optionalPositiveInteger(fields, "ifVersion", at, { allowZero: true });
    if (fields.op === "get") return { op: "get", key };
    if (fields.op === "delete") return { op: "delete", key, ifVersion };
    return {
      op: "set",
      key,
      value: serializeValue(fields.value, limits.maxValueBytes, at),
      ttl: optionalTtl(fields, at),
      ifVersion,
    };
  });
}

/** The error of a batch body whose `ops` array breaks its schema. */
function batchError(failure: SchemaFailure, limits: Limits): ProtocolError {
  if (failure.path.length === 0) return notAnObject("body");
  if (failure.keyword === "maxItems") {
    return new ProtocolError(
      "limit_exceeded",
      `At most ${limits.maxBatchOps} operations per batch: split it into several batches.`,
      { field: "ops", limit: limits.maxBatchOps },
    );
  }
  return new ProtocolError("invalid_request", "ops must be a non-empty JSON array of operations.", {
    field: "ops",
  });
}

/** The error of an op (with a valid key) that breaks its schema, by the field it breaks. */
function batchOpError(
  failure: SchemaFailure,
  fields: Record<string, unknown>,
  index: number,
): ProtocolError {
  const at = { index };
  switch (failure.path[0]) {
    case "ifVersion":
      return notAnInteger("ifVersion", at, { allowZero: true });
    case "op":
      return new ProtocolError(
        "invalid_request",
        `ops[${index}].op must be "get", "set" or "delete".`,
        { ...at, field: "op" },
      );
    default:
      // Only a set can match no branch of the oneOf: without a value, or with a bad ttl.
      if (!Object.hasOwn(fields, "value")) {
        return new ProtocolError("invalid_request", `ops[${index}] is a set without a value.`, {
          ...at,
          field: "value",
        });
      }
      return invalidTtl(at);
  }
}
