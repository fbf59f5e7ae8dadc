import { Memory } from "@botwire/core";
import type { JsonValue } from "@botwire/core/protocol";
import { BaseListChatMessageHistory } from "@langchain/core/chat_history";
import {
  type BaseMessage,
  mapChatMessagesToStoredMessages,
  mapStoredMessagesToChatMessages,
  type StoredMessage,
} from "@langchain/core/messages";

/** Options of {@link BotWireChatHistory}. */
export interface BotWireChatHistoryOptions {
  /** The conversation; one list per session. */
  sessionId: string;
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "langchain-chat"
   */
  namespace?: string;
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /** Seconds the history lives after its last write; every write refreshes it. */
  ttl?: number;
  /** Read only the newest N messages (a window), instead of the whole history. */
  maxMessages?: number;
  /** Prefix of the list's key, e.g. `"chat:"`. @default "" */
  keyPrefix?: string;
}

/**
 * LangChain chat message history persisted in BotWire memory. Every `addMessages` call is ONE
 * atomic append, so a turn written by `RunnableWithMessageHistory` is never split, and
 * concurrent writers never lose a message. Drop-in for `RedisChatMessageHistory`.
 *
 * @example
 * ```ts
 * const history = new BotWireChatHistory({ sessionId: "user-42", ttl: 86_400 });
 * await history.addMessages([new HumanMessage("hi"), new AIMessage("hello!")]);
 * const messages = await history.getMessages();
 * ```
 */
export class BotWireChatHistory extends BaseListChatMessageHistory {
  lc_namespace = ["langchain", "stores", "message", "botwire"];
  readonly #memory: Memory;
  readonly #key: string;
  readonly #ttl: number | undefined;
  readonly #maxMessages: number | undefined;

  constructor(options: BotWireChatHistoryOptions) {
    super(options);
    this.#memory = options.memory ?? new Memory(options.namespace ?? "langchain-chat");
    this.#key = `${options.keyPrefix ?? ""}${options.sessionId}`;
    this.#ttl = options.ttl;
    this.#maxMessages = options.maxMessages;
  }

  /** The stored messages, oldest first (the newest `maxMessages` when set). */
  async getMessages(): Promise<BaseMessage[]> {
    const window = this.#maxMessages === undefined ? undefined : { last: this.#maxMessages };
    const items = await this.#memory.range<StoredMessage>(this.#key, window);
    return mapStoredMessagesToChatMessages(items.map((item) => item.value));
  }

  /** Appends one message. */
  async addMessage(message: BaseMessage): Promise<void> {
    await this.addMessages([message]);
  }

  /** Appends messages in one atomic call, in order. */
  override async addMessages(messages: BaseMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const stored = mapChatMessagesToStoredMessages(messages) as unknown as JsonValue[];
    await this.#memory.append(this.#key, stored, { ttl: this.#ttl });
  }

  /** Deletes the whole history. */
  override async clear(): Promise<void> {
    await this.#memory.deleteList(this.#key);
  }
}
