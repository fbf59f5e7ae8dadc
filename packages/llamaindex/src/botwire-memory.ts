import type { Memory as BotWireClient } from "@botwire/core";
import { Memory, type MemoryMessage } from "@llamaindex/core/memory";
import { toStored } from "./stored-message.js";

/** The options of a llamaindex `Memory` (`createMemory` / `loadMemory`): tokenLimit, memoryBlocks, llm, … */
export type LlamaMemoryOptions<O extends object = object> = NonNullable<
  ConstructorParameters<typeof Memory<Record<string, never>, O>>[1]
>;

/** Called for every save the server did not take (awaited or not), with its messages. */
export type SaveErrorHandler<O extends object = object> = (
  error: unknown,
  messages: MemoryMessage<O>[],
) => void;

/** Where a {@link BotWireMemory} saves and whom it tells when a save fails. */
export interface BotWireMemoryStorage<O extends object = object> {
  /** The client of the history's namespace. */
  client: BotWireClient;
  /** The history's list key (prefix included). */
  key: string;
  /** Seconds the history lives after its last write. */
  ttl: number | undefined;
  /** Told about every failed save. */
  onError: SaveErrorHandler<O>;
}

const noop = () => {};

/**
 * A llamaindex `Memory` (so engines and agents take it: they check `instanceof Memory`) that
 * saves every message added to it as one atomic append to a BotWire list. Create it with
 * `createBotWireMemory`, which restores the earlier messages first.
 *
 * Saves run one at a time in the order of `add()`, so a reply an engine adds without waiting
 * (`void memory.add(reply)` after a stream) never lands after the next question. Each `add()`
 * promise rejects when its save fails, and it is safe to drop: a failed save is never an
 * unhandled rejection. It is told to `onError` and thrown by the next {@link flush}.
 */
export class BotWireMemory<O extends object = object> extends Memory<Record<string, never>, O> {
  readonly #storage: BotWireMemoryStorage<O>;
  /** Settles when the last queued server call has; never rejects. */
  #tail: Promise<void> = Promise.resolve();
  #failures: unknown[] = [];

  /**
   * Use `createBotWireMemory`, which loads `messages` from the server.
   * @param messages the messages already stored, oldest first
   * @param options the llamaindex `Memory` options
   * @param storage where new messages go
   */
  constructor(
    messages: MemoryMessage<O>[],
    options: LlamaMemoryOptions<O>,
    storage: BotWireMemoryStorage<O>,
  ) {
    super(messages, options);
    this.#storage = storage;
  }

  /**
   * Adds a message (a llamaindex `ChatMessage`, or any format this Memory has an adapter for)
   * and saves it. Resolves once saved; rejects with the `BotWireError` when the save failed.
   */
  override add(message: unknown): Promise<void> {
    return this.addAll([message]);
  }

  /**
   * Adds messages in order and saves them in ONE atomic append, so a turn written by two
   * processes at once is never interleaved. Resolves once saved; rejects with the
   * `BotWireError` when the save failed.
   */
  addAll(messages: unknown[]): Promise<void> {
    const held = this.#held();
    const before = held.length;
    // Memory.add converts and pushes the message before its first await: whatever it pushed
    // now is exactly what this Memory holds, id and createdAt included.
    const adding = Promise.all(messages.map((message) => super.add(message)));
    const added = held.slice(before);
    // Nothing was taken (no adapter fits): llamaindex's own outcome, nothing to save.
    if (added.length === 0) return adding.then(noop);
    const done = Promise.all([adding, this.#save(added)]).then(noop);
    // Engines drop this promise after a stream; #save reports the failure instead.
    done.catch(noop);
    return done;
  }

  /**
   * Clears the messages here and deletes the stored history, after the saves already queued
   * (so none of them brings the history back).
   */
  override async clear(): Promise<void> {
    const clearing = super.clear();
    await this.#enqueue(() => this.#storage.client.deleteList(this.#storage.key));
    await clearing;
  }

  /**
   * Waits for every save queued so far.
   * @throws the first save failure since the previous `flush()` (each one went to `onError`)
   */
  async flush(): Promise<void> {
    await this.#tail;
    const [first] = this.#failures.splice(0);
    if (first !== undefined) throw first;
  }

  #save(messages: MemoryMessage<O>[]): Promise<void> {
    const { client, key, ttl, onError } = this.#storage;
    const saving = this.#enqueue(() =>
      client.append(key, messages.map(toStored), { ttl }).catch((error: unknown) => {
        // Recorded before the queue moves on, so a flush() waiting on the queue sees it.
        this.#failures.push(error);
        onError(error, messages);
        throw error;
      }),
    );
    return saving.then(noop);
  }

  /** Runs `task` after every call queued before it, whatever their outcome. */
  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.then(noop, noop);
    return run;
  }

  #held(): MemoryMessage<O>[] {
    // `messages` is private in the types, not in JavaScript; @llamaindex/core is pinned to the
    // version whose Memory keeps its messages there.
    const { messages } = this as unknown as { messages: unknown };
    if (!Array.isArray(messages)) {
      throw new Error(
        "@botwire/llamaindex: this @llamaindex/core Memory keeps no `messages` array; install the @llamaindex/core version @botwire/llamaindex names as its peer.",
      );
    }
    return messages;
  }
}
