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
  value: SerializedValue;
}

/** The records of one `putWrites` call, as LangGraph's `MemorySaver` numbers them. */
export function encodeWrites(
  serde: SerializerProtocol,
  writes: PendingWrite[],
  taskId: string,
  taskPath = "",
): Promise<WriteRecord[]> {
  return Promise.all(
    writes.map(async ([channel, value], idx) => ({
      task: taskId,
      idx: WRITES_IDX_MAP[channel] ?? idx,
      channel,
      path: taskPath,
      value: await dumpValue(serde, value),
    })),
  );
}

/**
 * A checkpoint's pending writes in `writesSortKey` order, from its records in append order. A
 * task's write at an index is kept once (the first: a retried `putWrites` must not duplicate
 * it); special writes (negative indexes) are replaced by the latest, as in `MemorySaver`.
 */
export function decodeWrites(
  serde: SerializerProtocol,
  records: WriteRecord[],
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
    ordered.map(
      async (w): Promise<CheckpointPendingWrite> => [
        w.task,
        w.channel,
        await loadValue(serde, w.value),
      ],
    ),
  );
}
