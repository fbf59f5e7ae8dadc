import { chatHistoryContractSuite } from "@botwire/test-suite";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import type { ChatMessage } from "@llamaindex/core/llms";
import { extractText } from "@llamaindex/core/utils";
import * as vitest from "vitest";
import { BotWireChatStore, createBotWireMemory } from "../src/index.js";

const targets = {
  "mock server": mockServerTarget(),
  "reference server in-process": referenceServerTarget("in-process"),
  "reference server over HTTP": referenceServerTarget("http"),
  "reference server on PostgreSQL": referenceServerTarget("in-process", "postgres"),
};

/** How the suite makes and reads llamaindex messages. */
const messages = {
  user: (text: string): ChatMessage => ({ role: "user", content: text }),
  assistant: (text: string): ChatMessage => ({ role: "assistant", content: text }),
  read: (message: ChatMessage) => ({
    role: message.role === "user" ? ("user" as const) : ("assistant" as const),
    text: extractText(message.content),
  }),
};

for (const [name, target] of Object.entries(targets)) {
  vitest.describe(`on the ${name}`, () => {
    vitest.beforeAll(() => target.start());
    vitest.afterAll(() => target.close());

    vitest.describe("createBotWireMemory", () => {
      chatHistoryContractSuite<ChatMessage>(vitest, {
        async history(sessionId, options) {
          const memory = await createBotWireMemory({
            sessionId,
            memory: target.memory("llamaindex-contract"),
            maxMessages: options?.maxMessages,
          });
          return {
            getMessages: () => memory.get(),
            addMessages: (added) => memory.addAll(added),
            clear: () => memory.clear(),
          };
        },
        supportsWindow: true,
        ...messages,
      });
    });

    vitest.describe("BotWireChatStore", () => {
      chatHistoryContractSuite<ChatMessage>(vitest, {
        history(sessionId) {
          const store = new BotWireChatStore({
            memory: target.memory("llamaindex-contract"),
            keyPrefix: "store:",
          });
          return {
            getMessages: () => store.getMessages(sessionId),
            addMessages: (added) => store.addMessages(sessionId, added),
            clear: () => store.deleteMessages(sessionId),
          };
        },
        ...messages,
      });
    });
  });
}
