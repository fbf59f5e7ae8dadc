import { checkPrecondition, type EntryRow, isLive } from "../entry-row.js";
import type { DeleteOptions, PutResult, ValueWrite } from "../store.js";
import { StoreConflictError } from "../store-errors.js";

/** A value write as every engine executes it. */
export interface ValueWritePlan {
  /** UTF-8 bytes of the serialized value. */
  bytes: number;
  createdAt: number;
  created: boolean;
  /** Bytes the namespace grows by (negative when the new value is smaller). */
  growth: number;
}

/**
 * Plans writing `write` over `row` (the key's live value, if any): checks the precondition
 * (naming the batch op `index`) and works out size, creation time and growth.
 */
export function planValueWrite(
  row: EntryRow | undefined,
  write: ValueWrite,
  now: number,
  index?: number,
): ValueWritePlan {
  checkPrecondition(write.expect, row, index);
  const bytes = Buffer.byteLength(write.value, "utf8");
  return {
    bytes,
    createdAt: row?.created_at ?? now,
    created: !row,
    growth: bytes - (row?.bytes ?? 0),
  };
}

/** The result of an executed value write, once the engine has its new `version`. */
export function putResultOf(
  plan: ValueWritePlan,
  write: ValueWrite,
  version: number,
  now: number,
): PutResult {
  const { created, createdAt } = plan;
  return { version, created, createdAt, updatedAt: now, expiresAt: write.expiresAt };
}

/**
 * Plans a delete of `row` (the key's row, live or not): undefined when there is nothing to
 * delete, else the bytes it frees. Throws when `options` refuse it (naming the batch op `index`).
 */
export function planDelete(
  row: EntryRow | undefined,
  options: DeleteOptions,
  now: number,
  index?: number,
): { freed: number } | undefined {
  if (!row || !isLive(row, now)) {
    if (options.expect && !("absent" in options.expect)) {
      throw new StoreConflictError("version_mismatch", null, index);
    }
    return undefined;
  }
  if (options.kind && row.kind !== options.kind) {
    throw new StoreConflictError("wrong_kind", row.version, index);
  }
  checkPrecondition(options.expect, row, index);
  return { freed: row.bytes };
}
