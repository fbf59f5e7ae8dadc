import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

// Runs examples/openai-agents as a user would: its own process, against a botwire-server
// process, twice. It imports the packages' built dist: the root `npm test` builds them first.
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

function runExample(): string {
  const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
  const run = spawnSync(process.execPath, [script], {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, BOTWIRE_URL: server.url },
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout;
}

it("the second run answers from the conversation the first run stored", () => {
  const first = runExample();
  expect(first).toContain("0 items stored by earlier runs");
  expect(first).toContain("assistant: Nice to meet you, Ada! Lisbon looks sunny, 24 °C.");
  expect(first).toContain("now 4 items");

  const second = runExample();
  expect(second).toContain("4 items stored by earlier runs");
  expect(second).toContain("user: What do you remember about me?");
  expect(second).toContain(
    "assistant: You're Ada, flying to Lisbon; the weather there was sunny, 24 °C in Lisbon.",
  );
  expect(second).toContain("now 6 items");
});
