import {
  BotWireConflictError,
  BotWireValidationError,
  type JsonValue,
  Memory,
} from "@botwire/core";
import { consumeStream, createIdGenerator, type UIMessage } from "ai";

/** Options of {@link botwireChatStore}. */
export interface BotWireChatStoreOptions {
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "vercel-ai-chats"
   */
  namespace?: string;
  /** Seconds a chat lives after its last save; every save refreshes it. */
  ttl?: number;
}

/** A chat as read, with the version a save must match. */
export interface StoredChat<M extends UIMessage = UIMessage> {
  /** The chat's id (the list's key). */
  readonly chatId: string;
  /** The stored messages, oldest first; `[]` for a new chat. */
  readonly messages: M[];
  /** The stored version when read (`null`: no such chat yet); {@link BotWireChatStore.persist} moves it on with each save. */
  version: number | null;
}

/** Options of {@link BotWireChatStore.save}. */
export interface SaveChatOptions {
  /**
   * Save only if the stored chat still has this version (`null`: only if there is no such chat
   * yet); otherwise a `BotWireConflictError` is thrown and nothing is written. Without it the
   * save overwrites whatever is stored.
   */
  ifVersion?: number | null;
}

/** Options of {@link BotWireChatStore.persist}. */
export interface PersistOptions {
  /**
   * Receives a failed save (a `BotWireConflictError` when another tab or request saved the chat
   * since it was read). Without it the error is thrown from `onEnd`, which ends the response
   * stream with an error, so the client's `useChat` reports it.
   */
  onError?: (error: unknown) => void;
}

/** What `toUIMessageStreamResponse` needs to store the chat when the response ends. */
export interface ChatPersistence<M extends UIMessage> {
  /** The chat so far, the new message included: the response extends it. */
  originalMessages: M[];
  /** Message ids made on the server (`msg-` + 16 characters), so stored and client ids agree. */
  generateMessageId: () => string;
  /** Saves the whole chat with `If-Match` on the version read (AI SDK 7). */
  onEnd: (event: { messages: M[] }) => Promise<void>;
  /** The same, under the name AI SDK 6 calls. AI SDK 7 prefers `onEnd` and calls only that. */
  onFinish: (event: { messages: M[] }) => Promise<void>;
  /** Reads a copy of the response to its end, so `onEnd` runs even if the client hangs up. */
  consumeSseStream: typeof consumeStream;
}

/** `useChat` persistence in BotWire: one list per chat, one list item per UI message. */
export interface BotWireChatStore {
  /** The stored messages of a chat, oldest first; `[]` when there is none. For the page. */
  load<M extends UIMessage = UIMessage>(chatId: string): Promise<M[]>;
  /** The stored messages with their version: what a route handler saves against. */
  open<M extends UIMessage = UIMessage>(chatId: string): Promise<StoredChat<M>>;
  /**
   * Replaces the chat with `messages` in one write (regenerate and continuation rewrite earlier
   * messages, so a chat is never appended to). Returns the new version.
   * @throws {BotWireConflictError} when `ifVersion` is given and no longer matches
   */
  save<M extends UIMessage>(
    chatId: string,
    messages: M[],
    options?: SaveChatOptions,
  ): Promise<number>;
  /** Deletes a chat; `false` when there was none. */
  delete(chatId: string): Promise<boolean>;
  /**
   * Options for `result.toUIMessageStreamResponse(...)` that save the chat when the response
   * ends (aborted or not), conditionally on `chat.version`: if another request saved the chat
   * in between, nothing is overwritten and a `BotWireConflictError` is raised.
   *
   * @param chat the chat as opened at the start of the request
   * @param messages the messages sent to the model: `chat.messages` plus the new one(s)
   */
  persist<M extends UIMessage>(
    chat: StoredChat<M>,
    messages: M[],
    options?: PersistOptions,
  ): ChatPersistence<M>;
}

/** The protocol's largest list page. */
const PAGE = 10_000;
/** Reads of a chat that keeps changing before giving up (only chats over one page can). */
const READ_ATTEMPTS = 5;

/**
 * A store for `useChat` conversations (`UIMessage[]` per chat id) in BotWire memory, with
 * conflict-safe saves: two tabs answering in the same chat cannot silently overwrite each
 * other; the second save fails with `BotWireConflictError`.
 *
 * @example
 * ```ts
 * const chats = botwireChatStore();
 * export async function POST(request: Request) {
 *   const { id, message } = await request.json();
 *   const chat = await chats.open(id);
 *   const messages = [...chat.messages, message];
 *   const result = streamText({ model, messages: await convertToModelMessages(messages) });
 *   return result.toUIMessageStreamResponse(chats.persist(chat, messages));
 * }
 * ```
 */
export function botwireChatStore(options: BotWireChatStoreOptions = {}): BotWireChatStore {
  const memory = options.memory ?? new Memory(options.namespace ?? "vercel-ai-chats");

  const open = async <M extends UIMessage>(chatId: string): Promise<StoredChat<M>> => {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const first = await memory.getList<M>(chatId);
      if (!first) return { chatId, messages: [], version: null };
      const items = [...first.items];
      let lastSeq = items.at(-1)?.seq;
      // Chats longer than a page are read page by page; a write in between means start over.
      while (items.length < first.length && lastSeq !== undefined) {
        const page = await memory.getList<M>(chatId, { after: lastSeq, limit: PAGE });
        if (page?.version !== first.version) break;
        items.push(...page.items);
        lastSeq = page.items.at(-1)?.seq;
      }
      if (items.length >= first.length) {
        const messages = items.map((item, index) => checkMessage<M>(item.value, chatId, index));
        return { chatId, messages, version: first.version };
      }
    }
    throw new BotWireConflictError({
      statusCode: 0,
      code: "version_mismatch",
      message: `Chat "${chatId}" changed during each of ${READ_ATTEMPTS} reads: try again when the writes settle.`,
    });
  };

  const save = async <M extends UIMessage>(
    chatId: string,
    messages: M[],
    { ifVersion }: SaveChatOptions = {},
  ): Promise<number> => {
    if (!Array.isArray(messages)) {
      throw new BotWireValidationError({
        statusCode: 0,
        code: "invalid_request",
        message: `save(chatId, messages) needs an array of UI messages, got ${typeof messages}.`,
      });
    }
    const precondition =
      ifVersion === null ? { ifAbsent: true } : ifVersion === undefined ? {} : { ifVersion };
    const written = await memory.replaceList(chatId, messages as unknown as JsonValue[], {
      ttl: options.ttl,
      ...precondition,
    });
    return written.version;
  };

  return {
    load: async <M extends UIMessage>(chatId: string) => (await open<M>(chatId)).messages,
    open,
    save,
    delete: (chatId) => memory.deleteList(chatId),
    persist(chat, messages, persistOptions = {}) {
      const onEnd = async ({ messages: final }: { messages: typeof messages }) => {
        try {
          chat.version = await save(chat.chatId, final, { ifVersion: chat.version });
        } catch (error) {
          if (!persistOptions.onError) throw error;
          persistOptions.onError(error);
        }
      };
      return {
        originalMessages: messages,
        generateMessageId: createIdGenerator({ prefix: "msg", size: 16 }),
        onEnd,
        onFinish: onEnd,
        consumeSseStream: consumeStream,
      };
    },
  };
}

/** A stored item as a UI message, or a clear error if the list holds something else. */
function checkMessage<M extends UIMessage>(value: unknown, chatId: string, index: number): M {
  const message = value as Partial<UIMessage> | null;
  if (
    typeof message === "object" &&
    message !== null &&
    typeof message.id === "string" &&
    (message.role === "system" || message.role === "user" || message.role === "assistant") &&
    Array.isArray(message.parts)
  ) {
    return message as M;
  }
  throw new BotWireValidationError({
    statusCode: 0,
    code: "invalid_request",
    message: `Item ${index} of chat "${chatId}" is not a UI message ({ id, role, parts }): the list was written by something else. Use another chat id or namespace for botwireChatStore.`,
  });
}
