import { Memory } from "@botwire/core";

/** Where and how long chat histories live; shared by the chat store and the persistent Memory. */
export interface BotWireStoreOptions {
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "llamaindex-chat"
   */
  namespace?: string;
  /** Seconds a history lives after its last write; every write refreshes it. @default no expiry */
  ttl?: number;
  /**
   * Prefix of each history's key, e.g. `"chat:"`, so several apps (or chat histories and other
   * data) share a namespace. @default ""
   */
  keyPrefix?: string;
}

/** The client of {@link BotWireStoreOptions}: the given one, or one for the namespace. */
export function storeMemory(options: BotWireStoreOptions): Memory {
  return options.memory ?? new Memory(options.namespace ?? "llamaindex-chat");
}
