import { fileURLToPath } from "node:url";
import { runExample, type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

// Runs examples/langgraph as a user would: its own process, twice, against a real server
// process. It imports the packages' built dist (the root `npm test` builds first).
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
const run = () => runExample(script, { env: { BOTWIRE_URL: server.url } });

it("pauses for approval, and a second process resumes the saved thread", async () => {
  const first = await run();
  expect(first).toContain("Agent: Sorry about #1234! I can refund it once a human approves.");
  expect(first).toContain("Paused for a human: Approve the refund?");

  const second = await run();
  expect(second).toContain(
    "Resuming thread ticket-42, saved by an earlier process, paused at: approve",
  );
  expect(second).toContain("Long-term memory: Ada prefers email");
  expect(second).toContain("Refund: approved");
  expect(second).toContain(
    'Agent: Welcome back! This thread has 3 messages; we are still on #1234, first reported as: "Hi, I\'m Ada. My order #1234 arrived broken."',
  );
  expect(second).toMatch(/History: \d+ checkpoints, 4 messages/);
});
