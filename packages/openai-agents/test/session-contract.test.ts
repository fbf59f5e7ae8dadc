import { chatHistoryContractSuite, randomNamespace } from "@botwire/test-suite";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import { Agent, type AgentInputItem, run, setTracingDisabled, tool } from "@openai/agents";
import * as vitest from "vitest";
import { z } from "zod";
import { BotWireSession } from "../src/index.js";
import { FakeModel, message, transcript } from "./fake-model.js";
import { user } from "./items.js";

setTracingDisabled(true);

const targets = {
  "mock server": mockServerTarget(),
  "reference server in-process": referenceServerTarget("in-process"),
  "reference server over HTTP": referenceServerTarget("http"),
  "reference server on PostgreSQL": referenceServerTarget("in-process", "postgres"),
};

const weather = tool({
  name: "weather",
  description: "The weather in a city.",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny in ${city}`,
});

/** The text of a user or assistant message. */
const textOf = (item: AgentInputItem | undefined) =>
  (transcript([item as AgentInputItem])[0] ?? "").replace(/^\w+: /, "");

for (const [name, target] of Object.entries(targets)) {
  const { describe, it, expect, beforeAll, afterAll } = vitest;
  describe(`BotWireSession on the ${name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.close());
    const session = (sessionId: string) =>
      new BotWireSession({ sessionId, memory: target.memory("openai-agents-contract") });

    chatHistoryContractSuite<AgentInputItem>(vitest, {
      history: (sessionId, options) => {
        const history = session(sessionId);
        return {
          getMessages: () => history.getItems(options?.maxMessages),
          addMessages: (items) => history.addItems(items),
          clear: () => history.clearSession(),
        };
      },
      supportsWindow: true,
      user,
      assistant: message,
      read: (item) => ({
        role: (item as { role: "user" | "assistant" }).role,
        text: textOf(item),
      }),
    });

    it("gives a new session object on a new client the history of an earlier run", async () => {
      const id = randomNamespace("run");
      const first = new FakeModel([
        [
          { type: "reasoning", content: [{ type: "input_text", text: "Look it up." }] },
          {
            type: "function_call",
            callId: "call_1",
            name: "weather",
            arguments: '{"city":"Paris"}',
            status: "completed",
          },
        ],
        "Sunny in Paris.",
      ]);
      const agent = (model: FakeModel) => new Agent({ name: "assistant", model, tools: [weather] });
      await run(agent(first), "Weather in Paris?", { session: session(id) });

      // "Restart": a new client and a new session object; the next run sends the history.
      const second = new FakeModel(["You asked about Paris."]);
      const result = await run(agent(second), "What did I ask?", { session: session(id) });
      expect(result.finalOutput).toBe("You asked about Paris.");
      expect(transcript(second.inputs[0] ?? [])).toEqual([
        "user: Weather in Paris?",
        "reasoning",
        "function_call",
        "function_call_result",
        "assistant: Sunny in Paris.",
        "user: What did I ask?",
      ]);
      const stored = await session(id).getItems();
      expect(stored).toHaveLength(7);
      expect(await session(id).getItems(2)).toEqual(stored.slice(-2));
    });

    it("never returns one item to two of many concurrent pops racing appends", async () => {
      const id = randomNamespace("pops");
      await session(id).addItems(Array.from({ length: 20 }, (_, i) => user(`old${i}`)));
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => session(id).popItem()),
        ...Array.from({ length: 5 }, (_, i) => session(id).addItems([user(`new${i}`)])),
      ]);
      const popped = results.slice(0, 10).map((item) => textOf(item as AgentInputItem));
      const left = (await session(id).getItems()).map(textOf);
      expect(new Set(popped).size).toBe(10);
      // Nothing lost, nothing duplicated: every item is either popped or still there, once.
      expect([...popped, ...left].sort()).toEqual(
        [
          ...Array.from({ length: 20 }, (_, i) => `old${i}`),
          ...Array.from({ length: 5 }, (_, i) => `new${i}`),
        ].sort(),
      );
      // Pops take the newest: the oldest ten (never popped) stay in order at the front.
      expect(left.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `old${i}`));
    });
  });
}
