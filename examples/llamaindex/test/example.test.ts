import { fileURLToPath } from "node:url";
import { runNodeScript, type ServerProcess, startServerProcess } from "@botwire/server/testing";
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
  const first = await run({ BOTWIRE_URL: server.url });
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  expect(first.stdout).toContain("New conversation.");
  expect(first.stdout).toContain("assistant: Nice to meet you, Ada! I'll remember that.");

  const second = await run({ BOTWIRE_URL: server.url });
  expect(second.stderr).toBe("");
  expect(second.status).toBe(0);
  expect(second.stdout).toContain("Restored 2 earlier messages.");
  expect(second.stdout).toContain("assistant: Your favourite colour is blue, Ada.");
  expect(second.stdout).toContain("The session now holds 4 messages.");
});

it("says how to start the server when there is none", async () => {
  const missing = await run({ BOTWIRE_URL: "http://127.0.0.1:9" });
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain("No BotWire server at http://127.0.0.1:9");
});
