import type { Memory } from "@botwire/core";
import type {
  Checkpoint,
  CheckpointMetadata,
  CheckpointPendingWrite,
  CheckpointTuple,
  SerializerProtocol,
} from "@langchain/langgraph-checkpoint";
import { maxChannelVersion, TASKS } from "@langchain/langgraph-checkpoint";
import { checkpointKeys as keys } from "./checkpoint-keys.js";
import { MAX_REQUEST_ITEMS } from "./request-chunks.js";
import { loadValue, type SerializedValue } from "./serialized-value.js";
import { decodeWrites, largeValueKeys, type WriteRecord } from "./write-records.js";

/** A checkpoint as stored: everything but the channel values, which live in blobs. */
export type CheckpointRecord = {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
  parent: string | null;
  checkpoint: SerializedValue;
  metadata: SerializedValue;
};

/** The blob of a channel that a checkpoint cleared (in `newVersions`, without a value). */
export const EMPTY_BLOB: SerializedValue = { t: "empty", d: "" };

/** Turns stored checkpoint records back into LangGraph's checkpoint tuples. */
export class CheckpointReader {
  readonly #memory: Memory;
  readonly #serde: SerializerProtocol;
  readonly #firstVersion: () => number | string;

  /** @param firstVersion the saver's first channel version, for checkpoints before format 4 */
  constructor(memory: Memory, serde: SerializerProtocol, firstVersion: () => number | string) {
    this.#memory = memory;
    this.#serde = serde;
    this.#firstVersion = firstVersion;
  }

  /**
   * The tuples of `records`, in order, each with its metadata when already decoded. The channel
   * values of all of them are read in one batch (per 1000 keys); each checkpoint's writes list
   * is one more read, in parallel.
   */
  async toTuples(
    records: [CheckpointRecord, CheckpointMetadata | undefined][],
  ): Promise<CheckpointTuple[]> {
    const loaded = await Promise.all(
      records.map(async ([record, knownMetadata]) => ({
        record,
        knownMetadata,
        checkpoint: (await loadValue(this.#serde, record.checkpoint)) as Checkpoint,
      })),
    );
    const blobKeys = loaded.flatMap(({ record, checkpoint }) =>
      Object.entries(checkpoint.channel_versions).map(([channel, version]) =>
        keys.blob(record.thread_id, record.checkpoint_ns, channel, version),
      ),
    );
    const blobs = await this.#readValues([...new Set(blobKeys)]);
    return Promise.all(
      loaded.map(async ({ record, knownMetadata, checkpoint }) => {
        const { thread_id, checkpoint_ns, checkpoint_id, parent } = record;
        const [metadata, pendingWrites] = await Promise.all([
          knownMetadata ?? (loadValue(this.#serde, record.metadata) as Promise<CheckpointMetadata>),
          this.pendingWrites(thread_id, checkpoint_ns, checkpoint_id),
          this.#fillChannelValues(record, checkpoint, blobs),
        ]);
        const tuple: CheckpointTuple = {
          config: { configurable: { thread_id, checkpoint_ns, checkpoint_id } },
          checkpoint,
          metadata,
          pendingWrites,
        };
        if (parent !== null) {
          tuple.parentConfig = {
            configurable: { thread_id, checkpoint_ns, checkpoint_id: parent },
          };
        }
        return tuple;
      }),
    );
  }

  /** The checkpoint's pending writes, in LangGraph's order. */
  async pendingWrites(
    threadId: string,
    checkpointNs: string,
    checkpointId: string,
  ): Promise<CheckpointPendingWrite[]> {
    const items = await this.#memory.range<WriteRecord>(
      keys.writes(threadId, checkpointNs, checkpointId),
    );
    const records = items.map((item) => item.value);
    return decodeWrites(this.#serde, records, await this.#readValues(largeValueKeys(records)));
  }

  /** The values under `valueKeys` that exist, by key. */
  async #readValues(valueKeys: string[]): Promise<Map<string, SerializedValue>> {
    const found = new Map<string, SerializedValue>();
    for (let start = 0; start < valueKeys.length; start += MAX_REQUEST_ITEMS) {
      const chunk = valueKeys.slice(start, start + MAX_REQUEST_ITEMS);
      const values = await this.#memory.getMany<SerializedValue>(chunk);
      for (const [index, value] of values.entries()) {
        if (value !== undefined) found.set(chunk[index] as string, value);
      }
    }
    return found;
  }

  /** Puts the channel values of `checkpoint`'s versions back into it. */
  async #fillChannelValues(
    record: CheckpointRecord,
    checkpoint: Checkpoint,
    blobs: Map<string, SerializedValue>,
  ): Promise<void> {
    const { thread_id, checkpoint_ns, parent } = record;
    for (const [channel, version] of Object.entries(checkpoint.channel_versions)) {
      const blob = blobs.get(keys.blob(thread_id, checkpoint_ns, channel, version));
      if (blob && blob.t !== EMPTY_BLOB.t) {
        checkpoint.channel_values[channel] = await loadValue(this.#serde, blob);
      }
    }
    // Checkpoints before format 4 kept pending sends as writes of the parent.
    if (checkpoint.v < 4 && parent !== null) {
      const sends = await this.pendingWrites(thread_id, checkpoint_ns, parent);
      checkpoint.channel_values[TASKS] = sends.filter((w) => w[1] === TASKS).map((w) => w[2]);
      const versions = Object.values(checkpoint.channel_versions);
      checkpoint.channel_versions[TASKS] =
        versions.length > 0 ? maxChannelVersion(...versions) : this.#firstVersion();
    }
  }
}
