import type { LanguageModelV4 } from "@ai-sdk/provider";
import {
  AbstractChat,
  type ChatState,
  type ChatStatus,
  convertToModelMessages,
  DefaultChatTransport,
  streamText,
  type UIMessage,
} from "ai";
import type { BotWireChatStore, PersistOptions } from "../src/index.js";

/**
 * The route handler of the persistence guide, on `botwireChatStore`: the client sends only its
 * newest message; the server holds the chat.
 */
export function chatRoute(
  chats: BotWireChatStore,
  model: LanguageModelV4,
  options?: PersistOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const { id, message } = (await request.json()) as { id: string; message: UIMessage };
    const chat = await chats.open(id);
    const messages = [...chat.messages, message];
    const result = streamText({ model, messages: await convertToModelMessages(messages) });
    result.consumeStream(); // the model's answer completes even if the client hangs up
    return result.toUIMessageStreamResponse(chats.persist(chat, messages, options));
  };
}

/** What `useChat` runs, without React: AbstractChat over a plain array, the default transport. */
export class HeadlessChat extends AbstractChat<UIMessage> {
  constructor(id: string, messages: UIMessage[], route: (request: Request) => Promise<Response>) {
    const state: ChatState<UIMessage> = {
      status: "ready" as ChatStatus,
      error: undefined,
      messages: [...messages],
      pushMessage: (message) => {
        state.messages = [...state.messages, message];
      },
      popMessage: () => {
        state.messages = state.messages.slice(0, -1);
      },
      replaceMessage: (index, message) => {
        state.messages = state.messages.map((old, at) => (at === index ? message : old));
      },
      snapshot: (thing) => structuredClone(thing),
    };
    super({
      id,
      state,
      transport: new DefaultChatTransport({
        api: "/api/chat",
        // In-process: the route is called directly, as a server framework would.
        fetch: async (input, init) =>
          route(new Request(new URL(String(input), "http://app"), init)),
        prepareSendMessagesRequest: ({ id: chatId, messages: all }) => ({
          body: { id: chatId, message: all.at(-1) },
        }),
      }),
    });
  }
}

/** The texts of UI messages, `role: text`. */
export function uiLines(messages: UIMessage[]): string[] {
  return messages.map(
    (message) =>
      `${message.role}: ${message.parts.map((part) => (part.type === "text" ? part.text : "")).join("")}`,
  );
}
