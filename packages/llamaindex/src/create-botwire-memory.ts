import type { MemoryMessage } from "@llamaindex/core/memory";
import { BotWireMemory, type LlamaMemoryOptions, type SaveErrorHandler } from "./botwire-memory.js";
import { type BotWireStoreOptions, storeMemory } from "./botwire-store-options.js";
import { fromStored } from "./stored-message.js";

/** Options of {@link createBotWireMemory}: the llamaindex `Memory` options plus where it lives. */
export type CreateBotWireMemoryOptions<O extends object = object> = LlamaMemoryOptions<O> &
  BotWireStoreOptions & {
    /** The conversation; one list per session. */
    sessionId: string;
    /** Restore only the newest N messages (a window) instead of the whole history. */
    maxMessages?: number;
    /**
     * Told about every message the server did not take, including replies an engine adds
     * without awaiting. Failures are also thrown by `flush()`.
     * @default logs the error with the `logger` option (else `console`)
     */
    onError?: SaveErrorHandler<O>;
  };

/**
 * A llamaindex `Memory` restored from the BotWire server that saves every message added to it
 * as one atomic append, so two processes adding to one session lose nothing. Pass it where
 * llamaindex takes a `Memory`: `new SimpleChatEngine({ llm, memory })`,
 * `new ContextChatEngine({ retriever, chatHistory: memory })`, `agent({ memory })`.
 *
 * @example
 * ```ts
 * const memory = await createBotWireMemory({ sessionId: "user-42", ttl: 86_400 });
 * const engine = new SimpleChatEngine({ llm, memory });
 * await engine.chat({ message: "What did I tell you yesterday?" });
 * ```
 * @throws {BotWireError} when the history cannot be read (server down, bad session id, …)
 */
export async function createBotWireMemory<O extends object = object>(
  options: CreateBotWireMemoryOptions<O>,
): Promise<BotWireMemory<O>> {
  const { sessionId, maxMessages, onError, memory, namespace, ttl, keyPrefix, ...memoryOptions } =
    options;
  const client = storeMemory(options);
  const key = `${keyPrefix ?? ""}${sessionId}`;
  const window = maxMessages === undefined ? undefined : { last: maxMessages };
  const stored = await client.range(key, window);
  const logger = memoryOptions.logger ?? console;
  return new BotWireMemory(
    stored.map((item) => fromStored<MemoryMessage<O>>(item.value)),
    memoryOptions,
    {
      client,
      key,
      ttl,
      onError:
        onError ??
        ((error) => logger.error("@botwire/llamaindex: a chat message was not saved:", error)),
    },
  );
}
