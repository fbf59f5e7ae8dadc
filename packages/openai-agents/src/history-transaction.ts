import { BotWireConflictError, type JsonValue } from "@botwire/core";
import type { SessionHistoryTransactionArgs } from "@openai/agents-core";
import { canonicalJson, fingerprint } from "./canonical-json.js";
import { invalidItems } from "./invalid-items.js";
import { encodeItem } from "./item-codec.js";

/** A history transaction checked and encoded once, before any request. */
export interface PreparedTransaction {
  /** Fingerprint of the operation id: what the session header records. */
  operation: string;
  /** Fingerprint of the transaction: a replayed id must come with the same one. */
  transaction: string;
  /** The history after the transaction, given the history before it. */
  apply(items: JsonValue[]): JsonValue[];
}

/**
 * Checks `args` the way the SDK's `MemorySession` does and encodes its items.
 * @throws {BotWireValidationError} for a missing operation id, an unknown transaction type, or
 *   items JSON cannot hold; nothing is written
 */
export function prepareTransaction(args: SessionHistoryTransactionArgs): PreparedTransaction {
  const { operationId, transaction } = (args ?? {}) as Partial<SessionHistoryTransactionArgs>;
  if (typeof operationId !== "string" || operationId.trim() === "") {
    throw invalidItems("applyHistoryTransaction needs a non-empty string operationId");
  }
  const type = (transaction as { type?: unknown } | undefined)?.type;
  if (type === "append_items") {
    const items = encodeItems((transaction as { items?: unknown }).items, "items");
    return prepared(operationId, { type, items }, (history) => [...history, ...items]);
  }
  if (type === "replace_suffix") {
    const fields = transaction as { expectedSuffix?: unknown; replacement?: unknown };
    const expectedSuffix = encodeItems(fields.expectedSuffix, "expectedSuffix");
    const replacement = encodeItems(fields.replacement, "replacement");
    return prepared(operationId, { type, expectedSuffix, replacement }, (history) => {
      const start = history.length - expectedSuffix.length;
      const suffix = history.slice(Math.max(start, 0));
      if (start < 0 || canonicalJson(suffix) !== canonicalJson(expectedSuffix)) {
        throw new BotWireConflictError({
          message:
            "The session history no longer ends with the transaction's expectedSuffix: it changed since it was read. Nothing was written; read the history again.",
          statusCode: 0,
          code: "version_mismatch",
        });
      }
      return [...history.slice(0, start), ...replacement];
    });
  }
  throw invalidItems(
    `Unsupported session history transaction type ${JSON.stringify(type)}: use "append_items" or "replace_suffix"`,
  );
}

function prepared(
  operationId: string,
  transaction: JsonValue,
  apply: (items: JsonValue[]) => JsonValue[],
): PreparedTransaction {
  return { operation: fingerprint(operationId), transaction: fingerprint(transaction), apply };
}

function encodeItems(items: unknown, field: string): JsonValue[] {
  if (!Array.isArray(items)) {
    throw invalidItems(`The history transaction's ${field} must be an array of session items`);
  }
  return items.map(encodeItem);
}
