import {
  optionalPositiveInteger,
  optionalTtl,
  requireKey,
  requireObject,
  serializeValue,
} from "./body-fields.js";
import type { Limits } from "./limits.js";
import { ProtocolError } from "./protocol-error.js";

/** A validated batch op; a set's value is serialized. `ifVersion` 0 means "must be absent". */
export type ParsedBatchOp =
  | { op: "get"; key: string }
  | { op: "set"; key: string; value: string; ttl?: number; ifVersion?: number }
  | { op: "delete"; key: string; ifVersion?: number };

/** Validates `POST /v1/namespaces/{ns}/batch`: `{ops: [...]}`; errors name the op's `index`. */
export function parseBatchBody(body: unknown, limits: Limits): ParsedBatchOp[] {
  const ops = requireObject(body).ops;
  if (!Array.isArray(ops) || ops.length === 0) {
    throw new ProtocolError(
      "invalid_request",
      "ops must be a non-empty JSON array of operations.",
      {
        field: "ops",
      },
    );
  }
  if (ops.length > limits.maxBatchOps) {
    throw new ProtocolError(
      "limit_exceeded",
      `At most ${limits.maxBatchOps} operations per batch: split it into several batches.`,
      { field: "ops", limit: limits.maxBatchOps },
    );
  }
  return ops.map((raw, index): ParsedBatchOp => {
    const at = { index };
    const fields = requireObject(raw, `ops[${index}]`);
    const key = requireKey(fields.key, at, limits.maxKeyBytes);
    const ifVersion = optionalPositiveInteger(fields, "ifVersion", at, { allowZero: true });
    switch (fields.op) {
      case "get":
        return { op: "get", key };
      case "delete":
        return { op: "delete", key, ifVersion };
      case "set":
        if (!Object.hasOwn(fields, "value")) {
          throw new ProtocolError("invalid_request", `ops[${index}] is a set without a value.`, {
            ...at,
            field: "value",
          });
        }
        return {
          op: "set",
          key,
          value: serializeValue(fields.value, limits.maxValueBytes, at),
          ttl: optionalTtl(fields, at),
          ifVersion,
        };
      default:
        throw new ProtocolError(
          "invalid_request",
          `ops[${index}].op must be "get", "set" or "delete".`,
          {
            ...at,
            field: "op",
          },
        );
    }
  });
}
