import { Memory } from "@botwire/core";
import { createHandler } from "@botwire/server";
import * as vitest from "vitest";
import { MemoryEngine } from "../../server/test/store/memory-engine.js";
import { listContractSuite, memoryContractSuite } from "../src/index.js";

// CONTRIBUTING.md's "Adding a store", step 3, as written: the server on a third engine (the
// test-only MemoryEngine of @botwire/server's tests) keeps the whole contract.
let now = Date.now();
const handler = createHandler(new MemoryEngine(), { now: () => now });
const target = {
  memory: (namespace: string) =>
    new Memory(namespace, {
      url: "http://in-process",
      fetch: async (input, init) => handler(new Request(input, init)),
    }),
  advanceTime: (ms: number) => {
    now += ms;
  },
};

vitest.describe("contract: server on a third engine (MemoryEngine)", () => {
  memoryContractSuite(vitest, target);
  listContractSuite(vitest, target);
});
