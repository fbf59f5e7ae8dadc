import { chatHistoryContractSuite } from "@botwire/test-suite";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import * as vitest from "vitest";
import { BotWireChatHistory } from "../src/index.js";

const targets = {
  "mock server": mockServerTarget(),
  "reference server in-process": referenceServerTarget("in-process"),
  "reference server over HTTP": referenceServerTarget("http"),
  "reference server on PostgreSQL": referenceServerTarget("in-process", "postgres"),
};

for (const [name, target] of Object.entries(targets)) {
  vitest.describe(`BotWireChatHistory on the ${name}`, () => {
    vitest.beforeAll(() => target.start());
    vitest.afterAll(() => target.close());
    chatHistoryContractSuite<BaseMessage>(vitest, {
      history: (sessionId, options) =>
        new BotWireChatHistory({
          sessionId,
          memory: target.memory("langchain-contract"),
          ...options,
        }),
      supportsWindow: true,
      user: (text) => new HumanMessage(text),
      assistant: (text) => new AIMessage(text),
      read: (message) => ({
        role: message.getType() === "human" ? "user" : "assistant",
        text: String(message.content),
      }),
    });
  });
}
