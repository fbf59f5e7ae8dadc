import { randomNamespace } from "@botwire/test-suite";
import {
  mockServerTarget,
  type RunningTarget,
  referenceServerTarget,
} from "@botwire/test-suite/targets";
import {
  Agent,
  type AgentInputItem,
  MemorySession,
  run,
  type Session,
  setTracingDisabled,
  tool,
} from "@openai/agents";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { BotWireSession } from "../src/index.js";
import { FakeModel } from "./fake-model.js";

setTracingDisabled(true);

const text = fc.string({ maxLength: 12 });
const item: fc.Arbitrary<AgentInputItem> = fc.oneof(
  text.map((content) => ({ type: "message" as const, role: "user" as const, content })),
  text.map((t) => ({
    type: "message" as const,
    role: "assistant" as const,
    status: "completed" as const,
    content: [{ type: "output_text" as const, text: t }],
  })),
  fc.record({ callId: text, arguments: fc.json() }).map(({ callId, arguments: args }) => ({
    type: "function_call" as const,
    callId,
    name: "lookup",
    arguments: args,
    status: "completed" as const,
  })),
  fc.uint8Array({ maxLength: 6 }).map((data) => ({
    type: "function_call_result" as const,
    callId: "c",
    name: "lookup",
    status: "completed" as const,
    output: { type: "image" as const, image: { data, mediaType: "image/png" } },
  })),
  text.map((t) => ({
    type: "reasoning" as const,
    content: [{ type: "input_text" as const, text: t }],
  })),
);
const operationId = fc.constantFrom("op-a", "op-b", "op-c");

/** One step of a script; a suffix is taken from the history at the time it runs. */
const command = fc.oneof(
  fc.record({ op: fc.constant("add" as const), items: fc.array(item, { maxLength: 3 }) }),
  fc.record({ op: fc.constant("get" as const), limit: fc.option(fc.integer({ min: -1, max: 6 })) }),
  fc.constant({ op: "pop" as const }),
  fc.constant({ op: "clear" as const }),
  fc.record({
    op: fc.constant("append" as const),
    operationId,
    items: fc.array(item, { maxLength: 2 }),
  }),
  fc.record({
    op: fc.constant("replace" as const),
    operationId,
    suffixLength: fc.integer({ min: 0, max: 3 }),
    matching: fc.boolean(),
    replacement: fc.array(item, { maxLength: 2 }),
  }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** Runs one command; a refusal is an outcome too (the two sessions throw different classes). */
async function step(session: Session & Partial<MemorySession>, c: Command, history: unknown[]) {
  try {
    switch (c.op) {
      case "add":
        return await session.addItems(c.items);
      case "get":
        return await session.getItems(c.limit ?? undefined);
      case "pop":
        return await session.popItem();
      case "clear":
        return await session.clearSession();
      case "append":
        return await session.applyHistoryTransaction?.({
          operationId: c.operationId,
          transaction: { type: "append_items", items: c.items },
        });
      case "replace": {
        const suffix = history.slice(history.length - c.suffixLength) as AgentInputItem[];
        const expectedSuffix = c.matching || c.suffixLength === 0 ? suffix : [...suffix, suffix[0]];
        return await session.applyHistoryTransaction?.({
          operationId: c.operationId,
          transaction: {
            type: "replace_suffix",
            expectedSuffix: c.suffixLength > history.length ? [] : (expectedSuffix as never),
            replacement: c.replacement,
          },
        });
      }
    }
  } catch {
    return "refused";
  }
}

function differential(name: string, target: RunningTarget, numRuns: number) {
  describe(`BotWireSession and MemorySession on the ${name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.close());

    it("give the same results on the same random script", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (script) => {
          const reference = new MemorySession();
          const ours = new BotWireSession({
            sessionId: randomNamespace("diff"),
            memory: target.memory("openai-agents-diff"),
          });
          for (const c of script) {
            const history = await reference.getItems();
            const expected = await step(reference, c, history);
            expect(await step(ours as never, c, history)).toEqual(expected);
            expect(await ours.getItems()).toEqual(await reference.getItems());
          }
        }),
        { numRuns },
      );
    });

    it("store the same history when an output guardrail blocks a run", async () => {
      const lookup = tool({
        name: "lookup",
        description: "Looks a city up.",
        parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => `sunny in ${city}`,
      });
      const script = async (session: Session) => {
        const model = new FakeModel([
          [
            {
              type: "function_call",
              callId: "call_1",
              name: "lookup",
              arguments: '{"city":"Paris"}',
              status: "completed",
            },
          ],
          "The secret is 42.",
          "Sunny in Paris.",
        ]);
        const agent = new Agent({
          name: "guarded",
          model,
          tools: [lookup],
          outputGuardrails: [
            {
              name: "no secrets",
              execute: async ({ agentOutput }) => ({
                tripwireTriggered: String(agentOutput).includes("secret"),
                outputInfo: {},
              }),
            },
          ],
        });
        // The blocked run keeps its tool call through applyHistoryTransaction, not addItems.
        await expect(run(agent, "Weather in Paris?", { session })).rejects.toThrow(/guardrail/i);
        await run(agent, "And now?", { session });
        return { items: await session.getItems(), inputs: model.inputs };
      };
      const ours = new BotWireSession({
        sessionId: randomNamespace("guard"),
        memory: target.memory("openai-agents-diff"),
      });
      expect(await script(ours)).toEqual(await script(new MemorySession()));
    });
  });
}

differential("mock server", mockServerTarget(), 60);
differential("reference server over HTTP", referenceServerTarget("http"), 15);
