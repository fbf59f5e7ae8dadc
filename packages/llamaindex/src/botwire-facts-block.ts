import { type JsonValue, Memory, type SetOptions } from "@botwire/core";
import type { MessageType } from "@llamaindex/core/llms";
import { BaseMemoryBlock, type MemoryMessage } from "@llamaindex/core/memory";
import { listKeysOfKind } from "./list-keys-of-kind.js";

/** Options of {@link BotWireFactsBlock}. */
export interface BotWireFactsBlockOptions {
  /** The client of the facts' namespace. @default new Memory(namespace) */
  memory?: Memory;
  /** Namespace of the default client, e.g. one per user. Ignored when `memory` is given. */
  namespace?: string;
  /**
   * The facts to recall, by name (the key without `prefix`): one batched read. Without it,
   * every value under `prefix` is recalled (a key listing, then batched reads).
   */
  names?: string[];
  /** Prefix of the facts' keys, e.g. `"profile:"`. @default "" */
  prefix?: string;
  /** Turns the facts (name → value, in name order) into the text the prompt carries. @default one "- name: value" line each, under a heading */
  format?: (facts: [name: string, value: JsonValue][]) => string;
  /** Role of the message the facts come in. @default "memory" */
  messageRole?: MessageType;
  /** The block's id. @default a random one */
  id?: string;
  /** Blocks with priority 0 always get into the prompt; higher ones share the long-term token budget. @default 0 */
  priority?: number;
}

/**
 * A llamaindex memory block that recalls long-term facts stored as values in a BotWire
 * namespace (a user's profile, preferences, earlier decisions), so every prompt built from the
 * `Memory` carries them. The facts are read fresh on each prompt, so whatever another process
 * wrote (for example with {@link BotWireFactsBlock.remember}) is seen at once.
 *
 * @example
 * ```ts
 * const profile = new BotWireFactsBlock({ namespace: "user-42", prefix: "profile:" });
 * await profile.remember("name", "Ada");
 * const memory = await createBotWireMemory({ sessionId: "user-42", memoryBlocks: [profile] });
 * ```
 */
export class BotWireFactsBlock<O extends object = object> extends BaseMemoryBlock<O> {
  readonly #memory: Memory;
  readonly #names: string[] | undefined;
  readonly #prefix: string;
  readonly #format: (facts: [name: string, value: JsonValue][]) => string;
  readonly #role: MessageType;

  constructor(options: BotWireFactsBlockOptions) {
    // Not long-term: Memory would hand it old messages to store, and facts are written by the app.
    super({ id: options.id, priority: options.priority ?? 0, isLongTerm: false });
    if (!options.memory && options.namespace === undefined) {
      throw new TypeError("BotWireFactsBlock needs `memory` or `namespace`: where the facts are.");
    }
    this.#memory = options.memory ?? new Memory(options.namespace as string);
    this.#names = options.names;
    this.#prefix = options.prefix ?? "";
    this.#format = options.format ?? formatFacts;
    this.#role = options.messageRole ?? "memory";
  }

  /** The facts as one message, or none when there are no facts. */
  async get(): Promise<MemoryMessage<O>[]> {
    const facts = await this.recall();
    if (facts.length === 0) return [];
    return [{ id: this.id, role: this.#role, content: this.#format(facts) }];
  }

  /** Nothing to do: facts are written by the app ({@link BotWireFactsBlock.remember}), not taken from messages. */
  async put(): Promise<void> {}

  /** The stored facts, in name order, absent ones left out. */
  async recall(): Promise<[name: string, value: JsonValue][]> {
    const names = this.#names ?? (await listKeysOfKind(this.#memory, this.#prefix, "value"));
    const facts: [string, JsonValue][] = [];
    // A batch holds at most 1000 operations.
    for (let start = 0; start < names.length; start += 1000) {
      const chunk = names.slice(start, start + 1000);
      const values = await this.#memory.getMany(chunk.map((name) => this.#prefix + name));
      values.forEach((value, i) => {
        if (value !== undefined) facts.push([chunk[i] as string, value]);
      });
    }
    return facts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Stores a fact under `prefix + name`, overwriting it; `ttl` (seconds) makes it expire. */
  async remember(
    name: string,
    value: JsonValue,
    options: Pick<SetOptions, "ttl"> = {},
  ): Promise<void> {
    await this.#memory.set(this.#prefix + name, value, options);
  }

  /** Deletes a fact. Resolves false when it did not exist. */
  forget(name: string): Promise<boolean> {
    return this.#memory.delete(this.#prefix + name);
  }
}

/** The default format: a heading, then one `- name: value` line per fact (strings unquoted). */
export function formatFacts(facts: [name: string, value: JsonValue][]): string {
  const lines = facts.map(
    ([name, value]) => `- ${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  return `Long-term facts you remember:\n${lines.join("\n")}`;
}
