import { fileURLToPath } from "node:url";
import {
  runExample,
  runNodeScript,
  type ServerProcess,
  startServerProcess,
} from "@botwire/server/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

// Runs the example as a user would: its own process, twice, against a BotWire server that is
// its own process too. Both run built code (the root `npm test` builds first).
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server?.stop());

const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
const run = (env: Record<string, string>) => runNodeScript(script, { env });

it("remembers the first run's conversation in the second run", async () => {
  const first = await runExample(script, { env: { BOTWIRE_URL: server.url } });
  expect(first).toContain("New conversation.");
  expect(first).toContain("assistant: Nice to meet you, Ada! I'll remember that.");

  const second = await runExample(script, { env: { BOTWIRE_URL: server.url } });
  expect(second).toContain("Restored 2 earlier messages.");
  expect(second).toContain("assistant: Your favourite colour is blue, Ada.");
  expect(second).toContain("The session now holds 4 messages.");
});

it("says how to start the server when there is none", async () => {
  const missing = await run({ BOTWIRE_URL: "http://127.0.0.1:9" });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("No BotWire server at http://127.0.0.1:9");
});
