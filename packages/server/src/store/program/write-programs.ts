import type { EntryKind } from "@botwire/core/protocol";
import { ReadBudget } from "@botwire/core/protocol";
import type { EntryRow } from "../entry-row.js";
import { existingEntry } from "../plan/existing-entry.js";
import { listEntryAfter, planAppend, planReplace } from "../plan/plan-list-write.js";
import { batchGetResult } from "../plan/plan-reads.js";
import { planDelete, planValueWrite, putResultOf } from "../plan/plan-value-write.js";
import { capToCheck, enforceCap, type Growth } from "../storage-cap.js";
import type {
  AppendResult,
  BatchOptions,
  DeleteOptions,
  ListAppend,
  ListReplace,
  PutResult,
  ReplaceResult,
  StorageCap,
  StoreBatchOp,
  StoreBatchResult,
  ValueWrite,
} from "../store.js";
import { call, type Program } from "./program.js";

/**
 * A write transaction: locks the keys it writes, runs `work`, then, when the work grew the
 * namespace and `cap` limits it, takes the namespace's lock (after the key locks, so the lock
 * order is the same in every transaction) and checks the cap against the live bytes it now
 * sees, its own writes included.
 */
export function* writeTransaction<T>(
  namespace: string,
  keys: string[],
  cap: StorageCap | undefined,
  now: number,
  work: (growth: Growth) => Program<T>,
): Program<T> {
  if (keys.length > 0) yield* call("lockKeys", namespace, [...new Set(keys)]);
  const growth = { bytes: 0 };
  const result = yield* work(growth);
  const limit = capToCheck(cap, growth);
  if (limit !== undefined) {
    yield* call("lockNamespace", namespace);
    enforceCap(limit, yield* call("namespaceBytes", namespace, now));
  }
  return result;
}

/** Writes a value (op `index` of a batch, if any). */
export function* putValue(
  namespace: string,
  key: string,
  write: ValueWrite,
  now: number,
  growth: Growth,
  index?: number,
): Program<PutResult> {
  const row = yield* existing(namespace, key, now, "value", index);
  const plan = planValueWrite(row, write, now, index);
  growth.bytes += plan.growth;
  const { bytes, createdAt } = plan;
  const stored = { value: write.value, bytes, createdAt, expiresAt: write.expiresAt };
  const version = yield* call("upsertValue", namespace, key, stored, now);
  return putResultOf(plan, write, version, now);
}

/** Deletes a key (op `index` of a batch, if any); false when there was nothing to delete. */
export function* deleteKey(
  namespace: string,
  key: string,
  options: DeleteOptions,
  now: number,
  growth: Growth,
  index?: number,
): Program<boolean> {
  const plan = planDelete(yield* call("row", namespace, key, true), options, now, index);
  if (!plan) return false;
  growth.bytes -= plan.freed;
  yield* call("purge", namespace, key);
  return true;
}

/** Runs a batch's ops in order; the first failure throws (the transaction rolls back). */
export function* batchOps(
  namespace: string,
  ops: StoreBatchOp[],
  now: number,
  options: BatchOptions,
  growth: Growth,
): Program<StoreBatchResult[]> {
  const budget = new ReadBudget(options.maxReadBytes);
  const results: StoreBatchResult[] = [];
  for (const [index, op] of ops.entries()) {
    if (op.op === "set") {
      const put = yield* putValue(namespace, op.key, op, now, growth, index);
      results.push({ op: "set", key: op.key, ...put });
    } else if (op.op === "delete") {
      const options = { ...op, kind: "value" as const };
      const deleted = yield* deleteKey(namespace, op.key, options, now, growth, index);
      results.push({ op: "delete", key: op.key, deleted });
    } else {
      const row = yield* call("row", namespace, op.key, false);
      results.push(batchGetResult(op.key, row, now, budget, index));
    }
  }
  return results;
}

/** Appends to a list, trimming its oldest items past `maxLength`. */
export function* appendItems(
  namespace: string,
  key: string,
  append: ListAppend,
  now: number,
  growth: Growth,
): Program<AppendResult> {
  const row = yield* existing(namespace, key, now, "list");
  const plan = planAppend(row, append);
  yield* call("insertItems", namespace, key, plan);
  let bytes = plan.untrimmedBytes;
  if (plan.trimUpTo !== undefined) {
    bytes -= yield* call("trimItems", namespace, key, plan.trimUpTo);
  }
  const version = yield* saveList(namespace, key, row, plan, bytes, now, growth);
  return { length: plan.length, firstSeq: plan.firstSeq, lastSeq: plan.lastSeq, version };
}

/** Replaces a whole list. */
export function* replaceItems(
  namespace: string,
  key: string,
  replace: ListReplace,
  now: number,
  growth: Growth,
): Program<ReplaceResult> {
  const row = yield* existing(namespace, key, now, "list");
  const plan = planReplace(row, replace);
  yield* call("deleteItems", namespace, key);
  yield* call("insertItems", namespace, key, plan);
  const version = yield* saveList(namespace, key, row, plan, plan.bytes, now, growth);
  return { length: plan.length, version, created: row === undefined };
}

/** The live entry a write of `kind` builds on; an expired one is purged first. */
function* existing(
  namespace: string,
  key: string,
  now: number,
  kind: EntryKind,
  index?: number,
): Program<EntryRow | undefined> {
  const found = existingEntry(yield* call("row", namespace, key, true), now, kind, index);
  if (found.purge) yield* call("purge", namespace, key);
  return found.row;
}

/** Saves the list's entry after a write that left it holding `bytes`; returns its version. */
function* saveList(
  namespace: string,
  key: string,
  row: EntryRow | undefined,
  write: { length: number; lastSeq: number; expiresAt: number | null },
  bytes: number,
  now: number,
  growth: Growth,
): Program<number> {
  const list = listEntryAfter(row, write, bytes, now);
  growth.bytes += list.growth;
  return yield* call("upsertList", namespace, key, list, now);
}
