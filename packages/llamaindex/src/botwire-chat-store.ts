import type { Memory } from "@botwire/core";
import type { ChatMessage } from "@llamaindex/core/llms";
import { BaseChatStore } from "@llamaindex/core/storage/chat-store";
import { type BotWireStoreOptions, storeMemory } from "./botwire-store-options.js";
import { listKeysOfKind } from "./list-keys-of-kind.js";
import { fromStored, toStored } from "./stored-message.js";
import { updateList } from "./update-list.js";

/**
 * LlamaIndex chat store on BotWire memory: one list per key (a session), for `ChatMemoryBuffer`
 * and other `BaseChatStore` callers. Setting, reading, appending and deleting a whole session is
 * one server call each (an append is atomic, so concurrent writers lose nothing); inserting or
 * deleting at an index reads the list and replaces it only if nobody wrote in between.
 *
 * `BaseChatStore` declares the writes as returning `void`, but they are network calls: every
 * method here returns a promise. Await it, or a failure is an unhandled rejection and a read
 * right after may not see the write.
 *
 * @example
 * ```ts
 * const store = new BotWireChatStore({ keyPrefix: "chat:", ttl: 86_400 });
 * await store.addMessage("user-42", { role: "user", content: "hi" });
 * const messages = await store.getMessages("user-42");
 * ```
 */
export class BotWireChatStore<
  AdditionalMessageOptions extends object = object,
> extends BaseChatStore<AdditionalMessageOptions> {
  readonly #memory: Memory;
  readonly #ttl: number | undefined;
  readonly #keyPrefix: string;

  constructor(options: BotWireStoreOptions = {}) {
    super();
    this.#memory = storeMemory(options);
    this.#ttl = options.ttl;
    this.#keyPrefix = options.keyPrefix ?? "";
  }

  /** Replaces the session's messages (one call); `[]` leaves an empty session. */
  async setMessages(key: string, messages: ChatMessage<AdditionalMessageOptions>[]): Promise<void> {
    await this.#memory.replaceList(this.#key(key), messages.map(toStored), { ttl: this.#ttl });
  }

  /** The session's messages, oldest first; `[]` when it does not exist. */
  async getMessages(key: string): Promise<ChatMessage<AdditionalMessageOptions>[]> {
    const items = await this.#memory.range(this.#key(key));
    return items.map((item) => fromStored(item.value));
  }

  /**
   * Appends a message (one atomic call), or inserts it before position `idx` with
   * `Array.prototype.splice` semantics (negative counts from the end).
   */
  async addMessage(
    key: string,
    message: ChatMessage<AdditionalMessageOptions>,
    idx?: number,
  ): Promise<void> {
    if (idx === undefined) return this.addMessages(key, [message]);
    await this.#edit(key, (items) => items.splice(idx, 0, toStored(message)));
  }

  /** Appends messages in ONE atomic call, in order (a whole turn); `[]` sends nothing. */
  async addMessages(key: string, messages: ChatMessage<AdditionalMessageOptions>[]): Promise<void> {
    if (messages.length === 0) return;
    await this.#memory.append(this.#key(key), messages.map(toStored), { ttl: this.#ttl });
  }

  /** Deletes the session (one call); a session that does not exist is left alone. */
  async deleteMessages(key: string): Promise<void> {
    await this.#memory.deleteList(this.#key(key));
  }

  /**
   * Deletes the message at `idx` (negative counts from the end). Unlike `SimpleChatStore`, it
   * does not create an empty session when the key has none.
   * @returns the deleted message, or undefined when there was none at `idx`
   */
  async deleteMessage(
    key: string,
    idx: number,
  ): Promise<ChatMessage<AdditionalMessageOptions> | undefined> {
    const [deleted] = await this.#edit(key, (items) => items.splice(idx, 1));
    return deleted === undefined ? undefined : fromStored(deleted);
  }

  /**
   * Deletes the newest message.
   * @returns it, or undefined when the session was empty or absent
   */
  deleteLastMessage(key: string): Promise<ChatMessage<AdditionalMessageOptions> | undefined> {
    return this.deleteMessage(key, -1);
  }

  /** The sessions (keys without the prefix) that hold a history, in UTF-8 byte order. */
  async getKeys(): Promise<IterableIterator<string>> {
    return (await listKeysOfKind(this.#memory, this.#keyPrefix, "list")).values();
  }

  #edit<R>(key: string, edit: Parameters<typeof updateList<R>>[2]): Promise<R> {
    return updateList(this.#memory, this.#key(key), edit, { ttl: this.#ttl });
  }

  #key(key: string): string {
    return `${this.#keyPrefix}${key}`;
  }
}
