import { randomNamespace } from "@botwire/test-suite";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BotWireSaver } from "../src/index.js";

// LangGraph's suite is written against vitest's globals, which this repository leaves off.
Object.assign(globalThis, { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it });
const { deltaChannelHistoryTests, validate } = await import(
  "@langchain/langgraph-checkpoint-validation"
);

const targets = {
  "reference server in-process": referenceServerTarget("in-process"),
  "reference server over HTTP": referenceServerTarget("http"),
  "reference server on PostgreSQL": referenceServerTarget("in-process", "postgres"),
  "mock server": mockServerTarget(),
};

for (const [name, target] of Object.entries(targets)) {
  const initializer = {
    checkpointerName: `BotWireSaver on the ${name}`,
    beforeAll: () => target.start(),
    afterAll: () => target.close(),
    // A fresh namespace per checkpointer: the suite expects each one to start empty.
    createCheckpointer: () => new BotWireSaver({ memory: target.memory(randomNamespace("lg")) }),
  };
  // `validate` runs every spec (put, putWrites, getTuple, list, deleteThread); the delta-channel
  // spec is opt-in upstream, and we opt in.
  validate(initializer);
  describe(`BotWireSaver on the ${name} (delta channels)`, () => {
    deltaChannelHistoryTests(initializer);
  });
}
