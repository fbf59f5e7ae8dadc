import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import { ChatPromptTemplate, MessagesPlaceholder } from "@langchain/core/prompts";
import { RunnableWithMessageHistory } from "@langchain/core/runnables";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotWireChatHistory } from "../src/index.js";

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You are a helpful assistant."],
  new MessagesPlaceholder("history"),
  ["human", "{input}"],
]);

/** A chain with memory, as an app builds it; `memory` is created fresh, like in a new process. */
function chainWithMemory(
  makeMemory: () => ReturnType<ReturnType<typeof mockServerTarget>["memory"]>,
  responses: string[],
) {
  const model = new FakeListChatModel({ responses });
  return new RunnableWithMessageHistory({
    runnable: prompt.pipe(model),
    getMessageHistory: (sessionId: string) =>
      new BotWireChatHistory({ sessionId, memory: makeMemory() }),
    inputMessagesKey: "input",
    historyMessagesKey: "history",
  });
}

describe("RunnableWithMessageHistory with BotWireChatHistory", () => {
  it("writes one append per turn", async () => {
    const target = mockServerTarget();
    const chain = chainWithMemory(() => target.memory("app"), ["Hello Ada!", "Your name is Ada."]);
    const config = { configurable: { sessionId: "user-42" } };
    await chain.invoke({ input: "Hi, I am Ada." }, config);
    await chain.invoke({ input: "What is my name?" }, config);
    const appends = target.mock.requests.filter((r) => r.method === "POST");
    expect(appends).toHaveLength(2);
    const history = await new BotWireChatHistory({
      sessionId: "user-42",
      memory: target.memory("app"),
    }).getMessages();
    expect(history.map((m) => [m.getType(), m.content])).toEqual([
      ["human", "Hi, I am Ada."],
      ["ai", "Hello Ada!"],
      ["human", "What is my name?"],
      ["ai", "Your name is Ada."],
    ]);
  });

  describe("on the reference server over HTTP", () => {
    const target = referenceServerTarget("http");
    beforeAll(() => target.start());
    afterAll(() => target.close());

    it("gives a fresh process the earlier turns in its prompt", async () => {
      const config = { configurable: { sessionId: "restart" } };
      await chainWithMemory(() => target.memory("app"), ["Noted: blue."]).invoke(
        { input: "My favourite colour is blue." },
        config,
      );

      // "Restart": new client, new history, new chain. The model sees the stored turn.
      let seen: string[] = [];
      const model = new FakeListChatModel({ responses: ["Blue."] });
      const chain = new RunnableWithMessageHistory({
        runnable: prompt.pipe((input: Awaited<ReturnType<typeof prompt.invoke>>) => {
          seen = input.toChatMessages().map((m) => String(m.content));
          return model.invoke(input);
        }),
        getMessageHistory: (sessionId: string) =>
          new BotWireChatHistory({ sessionId, memory: target.memory("app") }),
        inputMessagesKey: "input",
        historyMessagesKey: "history",
      });
      const answer = await chain.invoke({ input: "What is my favourite colour?" }, config);
      expect(answer.content).toBe("Blue.");
      expect(seen).toEqual([
        "You are a helpful assistant.",
        "My favourite colour is blue.",
        "Noted: blue.",
        "What is my favourite colour?",
      ]);
    });
  });
});
