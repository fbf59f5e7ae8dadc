import { randomUUID } from "node:crypto";
import {
  BotWireConflictError,
  BotWireNetworkError,
  BotWireTimeoutError,
  BotWireUnavailableError,
  type JsonValue,
  Memory,
} from "@botwire/core";
import type {
  AgentInputItem,
  SessionHistoryTransactionArgs,
  SessionHistoryTransactionAwareSession,
} from "@openai/agents-core";
import { type HistorySnapshot, MAX_READ, readSnapshot } from "./history-snapshot.js";
import { prepareTransaction } from "./history-transaction.js";
import { invalidItems } from "./invalid-items.js";
import { decodeItem, encodeItem } from "./item-codec.js";
import { headerItem, readHeader, recordWrite } from "./session-header.js";

/** Options of {@link BotWireSession}. */
export interface BotWireSessionOptions {
  /** The conversation: the key of its list in the namespace. */
  sessionId: string;
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "openai-agents"
   */
  namespace?: string;
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /** Seconds the history lives after its last write; every write refreshes it. */
  ttl?: number;
  /**
   * Reads and version-guarded writes a `popItem` or `applyHistoryTransaction` makes before it
   * gives up on a history that keeps changing under it.
   * @default 20
   */
  maxAttempts?: number;
}

/** What a rewrite of the list decided after reading it. */
type Rewrite<R> =
  | { done: true; result: R }
  | { done: false; result: R; items: JsonValue[]; record: Parameters<typeof recordWrite>[1] };

/**
 * An OpenAI Agents SDK `Session` whose history lives in BotWire memory, so it survives restarts
 * and is shared by every process pointing at the same server. Each history item is one list
 * item, stored as opaque JSON (messages, function calls and results, reasoning, ...).
 *
 * - `addItems` is ONE atomic append: a turn is never split, concurrent writers never lose items.
 * - `getItems(n)` reads only the newest n items (a server-side window).
 * - `popItem` and `applyHistoryTransaction` rewrite the list under its version (optimistic
 *   concurrency), recording what they applied in the same write: two pops never return the
 *   same item, and a write whose answer was lost is never applied twice.
 *
 * @example
 * ```ts
 * const session = new BotWireSession({ sessionId: "user-42", ttl: 86_400 });
 * const result = await run(agent, "Hi, I'm Ada.", { session });
 * ```
 */
export class BotWireSession implements SessionHistoryTransactionAwareSession {
  readonly #sessionId: string;
  readonly #memory: Memory;
  readonly #ttl: number | undefined;
  readonly #maxAttempts: number;

  /** @throws {BotWireValidationError} for a bad namespace, before any request */
  constructor(options: BotWireSessionOptions) {
    this.#sessionId = options.sessionId;
    this.#memory = options.memory ?? new Memory(options.namespace ?? "openai-agents");
    this.#ttl = options.ttl;
    this.#maxAttempts = options.maxAttempts ?? 20;
  }

  /** The session id given to the constructor. */
  async getSessionId(): Promise<string> {
    return this.#sessionId;
  }

  /**
   * The history, oldest first; with `limit`, only the newest `limit` items, read as one window.
   * @throws {BotWireValidationError} when `limit` is not an integer
   */
  async getItems(limit?: number): Promise<AgentInputItem[]> {
    if (limit !== undefined && !Number.isInteger(limit) && limit !== Number.POSITIVE_INFINITY) {
      throw invalidItems(`getItems(limit) needs an integer limit (got ${limit})`);
    }
    if (limit === undefined || limit + 1 > MAX_READ) {
      const all = (await this.#memory.range(this.#sessionId)).map((item) => item.value);
      const items = readHeader(all[0]) ? all.slice(1) : all;
      return decodeAll(limit === undefined ? items : items.slice(-limit));
    }
    if (limit <= 0) return [];
    // One more than asked: the list's first item may be the header, which is not history.
    // Fewer than that means the window holds the whole list, header included if there is one.
    const window = (await this.#memory.range(this.#sessionId, { last: limit + 1 })).map(
      (item) => item.value,
    );
    const whole = window.length <= limit;
    return decodeAll(whole && !readHeader(window[0]) ? window : window.slice(1));
  }

  /** Appends `items` in one atomic call, in order; `[]` sends nothing. */
  async addItems(items: AgentInputItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.#memory.append(this.#sessionId, items.map(encodeItem), { ttl: this.#ttl });
  }

  /**
   * Removes and returns the newest item, or undefined when the history is empty. Atomic: it
   * rewrites the list only if nobody wrote since it read it, and reads again otherwise, so two
   * concurrent pops never return the same item. The rewrite costs O(history length): the
   * protocol has no pop of its own; a history past the server's replace limits (100 000 items,
   * a 16 MiB body) cannot be rewritten.
   * @throws {BotWireConflictError} after `maxAttempts` lost races
   */
  async popItem(): Promise<AgentInputItem | undefined> {
    // Each attempt writes under its own id: after a failed or unanswered write, the next read
    // tells whether one of them landed after all, and which item it removed.
    const attempts = new Map<string, JsonValue>();
    return this.#rewrite<AgentInputItem | undefined>((snapshot) => {
      for (const [id, item] of attempts) {
        if (snapshot.header?.pops.includes(id)) return { done: true, result: decodeItem(item) };
      }
      const last = snapshot.items.at(-1);
      if (last === undefined) return { done: true, result: undefined };
      const id = randomUUID();
      attempts.set(id, last);
      const items = snapshot.items.slice(0, -1);
      return { done: false, result: decodeItem(last), items, record: { pop: id } };
    });
  }

  /** Deletes the whole history (and the record of applied transactions, as `MemorySession`). */
  async clearSession(): Promise<void> {
    await this.#memory.deleteList(this.#sessionId);
  }

  /**
   * Applies an `append_items` or `replace_suffix` transaction atomically and idempotently: the
   * new history and the operation id are written in ONE version-guarded replace, so a replay of
   * the same id (after a lost answer, or a run resumed from a saved `RunState`) changes nothing.
   * The header remembers the newest 1000 operation ids.
   * @throws {BotWireConflictError} when the history does not end with `expectedSuffix`
   * @throws {BotWireValidationError} when the id was applied with a different transaction, or
   *   the arguments are invalid; nothing is written
   */
  async applyHistoryTransaction(args: SessionHistoryTransactionArgs): Promise<void> {
    const transaction = prepareTransaction(args);
    await this.#rewrite<void>((snapshot) => {
      const applied = snapshot.header?.operations.find(([id]) => id === transaction.operation);
      if (applied) {
        if (applied[1] === transaction.transaction) return { done: true, result: undefined };
        throw invalidItems(
          "This operationId was already applied with a different transaction: use a new operationId",
        );
      }
      const items = transaction.apply(snapshot.items);
      const operation: [string, string] = [transaction.operation, transaction.transaction];
      return { done: false, result: undefined, items, record: { operation } };
    });
  }

  /**
   * Read, decide, write under the read version; on a lost race or an unanswered write, read
   * again and decide again (`decide` sees whether its earlier write landed after all).
   */
  async #rewrite<R>(decide: (snapshot: HistorySnapshot) => Rewrite<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const snapshot = await readSnapshot(this.#memory, this.#sessionId);
      const step = decide(snapshot);
      if (step.done) return step.result;
      const header = headerItem(recordWrite(snapshot.header, step.record));
      try {
        await this.#memory.replaceList(this.#sessionId, [header, ...step.items], {
          ttl: this.#ttl,
          ...(snapshot.version === undefined
            ? { ifAbsent: true }
            : { ifVersion: snapshot.version }),
        });
        return step.result;
      } catch (error) {
        // No answer, or a 502/503/504 that may follow a commit: the next read tells.
        const unsure =
          BotWireNetworkError.isInstance(error) ||
          BotWireTimeoutError.isInstance(error) ||
          BotWireUnavailableError.isInstance(error);
        if (!(unsure || BotWireConflictError.isInstance(error)) || attempt >= this.#maxAttempts) {
          throw error;
        }
        // Spread contending writers apart (random, growing) so one of them wins each round.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)),
        );
      }
    }
  }
}

function decodeAll(items: JsonValue[]): AgentInputItem[] {
  return items.map((item) => decodeItem<AgentInputItem>(item));
}
