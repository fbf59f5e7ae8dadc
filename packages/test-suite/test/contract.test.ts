import * as vitest from "vitest";
import { listContractSuite, memoryContractSuite } from "../src/index.js";
import { mockServerTarget, referenceServerTarget } from "../src/targets.js";

// One contract, four targets: where the mock and the server differ, the mock is wrong.
const targets = {
  "mock server": mockServerTarget(),
  "reference server in-process (SQLite)": referenceServerTarget("in-process"),
  "reference server over HTTP (SQLite)": referenceServerTarget("http"),
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
