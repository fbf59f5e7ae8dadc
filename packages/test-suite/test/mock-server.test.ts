import { Memory } from "@botwire/core";
import { createMockServer } from "@botwire/core/testing";
import * as vitest from "vitest";
import { listContractSuite, memoryContractSuite } from "../src/index.js";

// Target 1: the mock server, in-process, with its clock under the test's control.
let now = Date.now();
const mock = createMockServer({ now: () => now });
const target = {
  memory: (namespace: string) => new Memory(namespace, { url: mock.url, fetch: mock.fetch }),
  advanceTime: (ms: number) => {
    now += ms;
  },
};

vitest.describe("contract: mock server", () => {
  memoryContractSuite(vitest, target);
  listContractSuite(vitest, target);
});
