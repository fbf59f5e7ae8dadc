import { type JsonValue, Memory } from "@botwire/core";
import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  copyCheckpoint,
  getCheckpointId,
  type PendingWrite,
  type SerializerProtocol,
} from "@langchain/langgraph-checkpoint";
import { checkpointKeys as keys } from "./checkpoint-keys.js";
import { CheckpointReader, type CheckpointRecord, EMPTY_BLOB } from "./checkpoint-reader.js";
import { configField, requireConfigField } from "./config-fields.js";
import { MAX_REQUEST_ITEMS, requestChunks } from "./request-chunks.js";
import { dumpValue, loadValue } from "./serialized-value.js";
import { encodeWrites } from "./write-records.js";

/** Options of {@link BotWireSaver}. */
export interface BotWireSaverOptions {
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "langgraph-checkpoints"
   */
  namespace?: string;
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /** How checkpoints, channel values and writes are encoded. @default new JsonPlusSerializer() */
  serde?: SerializerProtocol;
}

/** Checkpoints `list` reads at once, and writes lists `deleteThread` deletes at once. */
const READ_AHEAD = 16;

/**
 * LangGraph checkpointer persisted in BotWire memory: threads survive restarts and move between
 * processes, human-in-the-loop interrupts resume anywhere, and `getStateHistory` / time travel
 * read every checkpoint back. Drop-in for `MemorySaver`.
 *
 * A `put` is one atomic batch (the checkpoint and the channel values that changed), a
 * `putWrites` one atomic append; threads never share a key, so concurrent writers to two threads
 * never interfere. Channel values are stored once per version, not once per checkpoint.
 *
 * @example
 * ```ts
 * const graph = builder.compile({ checkpointer: new BotWireSaver({ namespace: "my-agent" }) });
 * await graph.invoke(input, { configurable: { thread_id: "user-42" } });
 * ```
 */
export class BotWireSaver extends BaseCheckpointSaver {
  readonly #memory: Memory;
  readonly #reader: CheckpointReader;

  constructor(options: BotWireSaverOptions = {}) {
    super(options.serde);
    this.#memory = options.memory ?? new Memory(options.namespace ?? "langgraph-checkpoints");
    this.#reader = new CheckpointReader(this.#memory, this.serde, () =>
      this.getNextVersion(undefined),
    );
  }

  /** The checkpoint named by `config` (the thread's latest without `checkpoint_id`). */
  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = configField(config, "thread_id");
    if (threadId === undefined) return undefined;
    const checkpointNs = configField(config, "checkpoint_ns") ?? "";
    let key: string | undefined;
    const checkpointId = getCheckpointId(config);
    if (checkpointId) key = keys.checkpoint(threadId, checkpointNs, checkpointId);
    else {
      // Inverted ids: the first key under the prefix is the newest checkpoint.
      const page = await this.#memory.listPage({
        prefix: keys.checkpoints(threadId, checkpointNs),
        limit: 1,
      });
      key = page.items[0]?.key;
    }
    if (key === undefined) return undefined;
    const record = await this.#memory.get<CheckpointRecord>(key);
    if (!record) return undefined;
    const [tuple] = await this.#reader.toTuples([[record, undefined]]);
    return tuple;
  }

  /**
   * Checkpoints newest first: of one thread (and namespace) when `config` names them, else of
   * every thread; `before` a checkpoint id, matching every `filter` entry of the metadata.
   */
  async *list(
    config: RunnableConfig,
    options: CheckpointListOptions = {},
  ): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    const threadId = configField(config, "thread_id");
    const checkpointNs = configField(config, "checkpoint_ns");
    const onlyId = configField(config, "checkpoint_id");
    const beforeId = before && configField(before, "checkpoint_id");
    const prefix = keys.checkpoints(threadId, threadId === undefined ? undefined : checkpointNs);
    let cursor: string | undefined;
    while (remaining > 0) {
      // Every listed key is returned unless something filters: then list no more than needed.
      const filtered = filter !== undefined || onlyId !== undefined || beforeId !== undefined;
      const limit = filtered ? MAX_REQUEST_ITEMS : Math.min(MAX_REQUEST_ITEMS, remaining);
      const page = await this.#memory.listPage({ prefix, limit, cursor });
      const wanted = page.items
        .map((item) => item.key)
        .filter((key) => {
          const id = keys.idOf(key);
          return (!onlyId || id === onlyId) && (!beforeId || id < beforeId);
        });
      // A few checkpoints at a time: their reads run in parallel, and a small `limit` reads
      // only what it returns.
      for (let start = 0; start < wanted.length && remaining > 0; start += READ_AHEAD) {
        const records = await this.#memory.getMany<CheckpointRecord>(
          wanted.slice(start, start + READ_AHEAD),
        );
        const picked: [CheckpointRecord, CheckpointMetadata | undefined][] = [];
        for (const record of records) {
          if (!record || picked.length >= remaining) continue; // absent: deleted since listed
          if (checkpointNs !== undefined && record.checkpoint_ns !== checkpointNs) continue;
          const metadata = (await loadValue(this.serde, record.metadata)) as CheckpointMetadata;
          if (matches(metadata, filter)) picked.push([record, metadata]);
        }
        remaining -= picked.length;
        yield* await this.#reader.toTuples(picked);
      }
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  /**
   * Stores `checkpoint` as a child of `config.configurable.checkpoint_id`, with the values of the
   * channels in `newVersions`, in one atomic batch.
   * @throws {BotWireValidationError} when `config.configurable.thread_id` is missing
   */
  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const threadId = requireConfigField(config, "thread_id", "put");
    const checkpointNs = configField(config, "checkpoint_ns") ?? "";
    const { channel_values: values, ...rest } = copyCheckpoint(checkpoint);
    const blobs = await Promise.all(
      Object.entries(newVersions).map(async ([channel, version]) => ({
        op: "set" as const,
        key: keys.blob(threadId, checkpointNs, channel, version),
        value: channel in values ? await dumpValue(this.serde, values[channel]) : EMPTY_BLOB,
      })),
    );
    const record: CheckpointRecord = {
      thread_id: threadId,
      checkpoint_ns: checkpointNs,
      checkpoint_id: checkpoint.id,
      parent: configField(config, "checkpoint_id") ?? null,
      checkpoint: await dumpValue(this.serde, { ...rest, channel_values: {} }),
      metadata: await dumpValue(this.serde, metadata),
    };
    const ops = [
      ...blobs,
      {
        op: "set" as const,
        key: keys.checkpoint(threadId, checkpointNs, checkpoint.id),
        value: record,
      },
    ];
    // One batch unless the checkpoint is huge (over 1000 changed channels or 8 MiB): then the
    // blobs go first and the checkpoint last, so a reader never sees it without its values.
    for (const chunk of requestChunks(ops)) await this.#memory.batch(chunk);
    return {
      configurable: {
        thread_id: threadId,
        checkpoint_ns: checkpointNs,
        checkpoint_id: checkpoint.id,
      },
    };
  }

  /**
   * Stores the writes of task `taskId` against the checkpoint in `config`, in one atomic append
   * (values over 192 KiB serialized are written first as values of their own; over 1000 writes
   * or 8 MiB take more than one append).
   * @throws {BotWireValidationError} when `thread_id` or `checkpoint_id` is missing
   */
  async putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath?: string,
  ): Promise<void> {
    const threadId = requireConfigField(config, "thread_id", "putWrites");
    const checkpointId = requireConfigField(config, "checkpoint_id", "putWrites");
    if (writes.length === 0) return;
    const checkpointNs = configField(config, "checkpoint_ns") ?? "";
    const { records, large } = await encodeWrites(this.serde, writes, taskId, taskPath ?? "", () =>
      keys.writeValue(threadId, checkpointNs, checkpointId, taskId),
    );
    for (const chunk of requestChunks(large)) await this.#memory.setMany(chunk);
    const writesKey = keys.writes(threadId, checkpointNs, checkpointId);
    for (const chunk of requestChunks(records)) {
      await this.#memory.append(writesKey, chunk as unknown as JsonValue[]);
    }
  }

  /**
   * Deletes every checkpoint, channel value and write of the thread, in every namespace. Writes
   * lists go first, so a concurrent reader never finds a write whose large value is gone.
   */
  async deleteThread(threadId: string): Promise<void> {
    // Writes are lists, which a batch cannot delete: one call each, a few at a time.
    const lists = await this.#memory.list({ prefix: keys.writesOf(threadId) });
    for (let start = 0; start < lists.length; start += READ_AHEAD) {
      const chunk = lists.slice(start, start + READ_AHEAD);
      await Promise.all(chunk.map((key) => this.#memory.delete(key)));
    }
    const prefixes = [
      keys.writeValuesOf(threadId),
      keys.checkpoints(threadId),
      keys.blobs(threadId),
    ];
    const values = (
      await Promise.all(prefixes.map((prefix) => this.#memory.list({ prefix })))
    ).flat();
    for (let start = 0; start < values.length; start += MAX_REQUEST_ITEMS) {
      await this.#memory.deleteMany(values.slice(start, start + MAX_REQUEST_ITEMS));
    }
  }

  /**
   * A version that orders like an integer counter but is unique per call (`{n:032}.{random}`, as
   * LangGraph's Python savers do): a branch forked from an old checkpoint then never reuses a
   * version, so it can never read or overwrite the other branch's channel value. LangGraph
   * compares versions with `<`/`>` and accepts strings; the declared type is the base class's.
   */
  override getNextVersion(current: number | undefined): number {
    const counter =
      current === undefined ? 0 : Number.parseInt(String(current).split(".")[0] ?? "0", 10);
    const random = Math.random().toFixed(16).slice(2);
    return `${String(counter + 1).padStart(32, "0")}.${random}` as unknown as number;
  }
}

function matches(
  metadata: CheckpointMetadata,
  filter: Record<string, unknown> | undefined,
): boolean {
  if (!filter) return true;
  const fields = metadata as Record<string, unknown>;
  return Object.entries(filter).every(([key, value]) => fields[key] === value);
}
