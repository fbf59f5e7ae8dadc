import * as vitest from "vitest";
import { listContractSuite, memoryContractSuite } from "../src/index.js";
import { mockServerTarget, type RunningTarget, referenceServerTarget } from "../src/targets.js";

/** `target` seen through clients that send with the global `fetch` instead of the default. */
function withGlobalFetch(target: RunningTarget): RunningTarget {
  return {
    ...target,
    memory: (namespace) => target.memory(namespace, { fetch: globalThis.fetch }),
  };
}

// One contract, five targets: where the mock and the server differ, the mock is wrong. Over
// HTTP, both client transports: Node's default (keep-alive node:http) and fetch.
const targets = {
  "mock server": mockServerTarget(),
  "reference server in-process (SQLite)": referenceServerTarget("in-process"),
  "reference server over HTTP (SQLite)": referenceServerTarget("http"),
  "reference server over HTTP with fetch (SQLite)": withGlobalFetch(referenceServerTarget("http")),
  "reference server in-process (PostgreSQL)": referenceServerTarget("in-process", "postgres"),
};

for (const [name, target] of Object.entries(targets)) {
  vitest.describe(`contract: ${name}`, () => {
    vitest.beforeAll(() => target.start());
    vitest.afterAll(() => target.close());
    memoryContractSuite(vitest, target);
    listContractSuite(vitest, target);
  });
}
