import { fileURLToPath } from "node:url";
import { runExample, type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

// Runs examples/keyv as a user would: its own process, against a botwire-server process,
// twice. It imports the packages' built dist: the root `npm test` builds everything first.
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
const run = () => runExample(script, { env: { BOTWIRE_URL: server.url } });

it("the second run answers from the entries the first run cached", async () => {
  const first = await run();
  expect(first).toContain("run 1: cache at");
  expect(first).toContain("What is the capital of France? -> Paris. (asked the model)");
  expect(first).toContain("model calls: 3, cache hits: 0");

  const second = await run();
  expect(second).toContain("run 2: cache at");
  expect(second).toContain("What is the capital of France? -> Paris. (cache hit, stored by run 1)");
  expect(second).toContain("model calls: 0, cache hits: 3");
});
