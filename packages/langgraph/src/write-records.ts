import { BotWireNotFoundError } from "@botwire/core";
import {
  type CheckpointPendingWrite,
  compareWritesSortKeys,
  type PendingWrite,
  type SerializerProtocol,
  WRITES_IDX_MAP,
  writesSortKey,
} from "@langchain/langgraph-checkpoint";
import { dumpValue, loadValue, type SerializedValue } from "./serialized-value.js";

/** One pending write as stored in a checkpoint's writes list. */
export interface WriteRecord {
  task: string;
  /** Index within the task's writes; errors, interrupts and resumes use fixed negative ones. */
  idx: number;
  channel: string;
  /** The task's path, the first part of LangGraph's write order. */
  path: string;
  /** The value, when it fits in a list item. */
  value?: SerializedValue;
  /** Else the key of the value that holds it. */
  ref?: string;
}

/**
 * Serialized values longer than this (in base64 characters) are stored as values of their own:
 * a list item may hold 256 KiB, a value 1 MiB.
 */
const INLINE_LIMIT = 192 * 1024;

/**
 * The records of one `putWrites` call, numbered as LangGraph's `MemorySaver` numbers them, and
 * the large values they name (to write before the records).
 * @param refKey a fresh key for one large value
 */
export async function encodeWrites(
  serde: SerializerProtocol,
  writes: PendingWrite[],
  taskId: string,
  taskPath: string,
  refKey: () => string,
): Promise<{ records: WriteRecord[]; large: { key: string; value: SerializedValue }[] }> {
  const large: { key: string; value: SerializedValue }[] = [];
  const records = await Promise.all(
    writes.map(async ([channel, value], idx): Promise<WriteRecord> => {
      const record = { task: taskId, idx: WRITES_IDX_MAP[channel] ?? idx, channel, path: taskPath };
      const serialized = await dumpValue(serde, value);
      if (serialized.d.length <= INLINE_LIMIT) return { ...record, value: serialized };
      const key = refKey();
      large.push({ key, value: serialized });
      return { ...record, ref: key };
    }),
  );
  return { records, large };
}

/**
 * A checkpoint's pending writes in `writesSortKey` order, from its records in append order. A
 * task's write at an index is kept once (the first: a retried `putWrites` must not duplicate
 * it); special writes (negative indexes) are replaced by the latest, as in `MemorySaver`.
 * @param large the values the records name, by key
 */
export function decodeWrites(
  serde: SerializerProtocol,
  records: WriteRecord[],
  large: Map<string, SerializedValue>,
): Promise<CheckpointPendingWrite[]> {
  const byTaskAndIndex = new Map<string, WriteRecord>();
  for (const write of records) {
    const id = JSON.stringify([write.task, write.idx]);
    if (write.idx >= 0 && byTaskAndIndex.has(id)) continue;
    byTaskAndIndex.set(id, write);
  }
  const ordered = [...byTaskAndIndex.values()].sort((a, b) =>
    compareWritesSortKeys(
      writesSortKey(a.path, a.task, a.idx),
      writesSortKey(b.path, b.task, b.idx),
    ),
  );
  return Promise.all(
    ordered.map(async (w): Promise<CheckpointPendingWrite> => {
      const value = w.value ?? (w.ref === undefined ? undefined : large.get(w.ref));
      // Written before the record that names it, deleted after it: never absent in between.
      if (!value) {
        throw new BotWireNotFoundError({
          statusCode: 0,
          code: "not_found",
          message: `The value of a pending write of task ${w.task} is gone: read the thread again.`,
          details: { key: w.ref },
        });
      }
      return [w.task, w.channel, await loadValue(serde, value)];
    }),
  );
}

/** The keys of the large values `records` name. */
export function largeValueKeys(records: WriteRecord[]): string[] {
  return records.flatMap((record) => (record.ref === undefined ? [] : [record.ref]));
}
