import { fileURLToPath } from "node:url";
import { runNodeScript, type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterEach, expect, it } from "vitest";

// Runs examples/langchain as a user would: its own process, twice, against a botwire-server
// process. It imports the packages' built dist (the root `npm test` builds first).
const SCRIPT = fileURLToPath(new URL("../index.mjs", import.meta.url));
let server: ServerProcess | undefined;
afterEach(() => server?.stop());

const run = (url: string, ...args: string[]) =>
  runNodeScript(SCRIPT, { args, env: { BOTWIRE_URL: url } });

it("remembers in a second process what the user told the first", async () => {
  server = await startServerProcess();
  const first = await run(server.url, "Hi, I'm Ada.");
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  expect(first.stdout).toContain("model: This is our first talk.");

  const second = await run(server.url, "What's my name?");
  expect(second.stderr).toBe("");
  expect(second.status).toBe(0);
  expect(second.stdout).toContain(`model: Earlier you told me: "Hi, I'm Ada.".`);
  expect(second.stdout).toContain(
    [
      "history in BotWire: 4 messages",
      "  human: Hi, I'm Ada.",
      "  ai: This is our first talk.",
      "  human: What's my name?",
      `  ai: Earlier you told me: "Hi, I'm Ada.".`,
    ].join("\n"),
  );
});

it("says what to check when the memory server is down", async () => {
  server = await startServerProcess();
  await server.stop();
  const result = await run(server.url);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("BOTWIRE_URL");
});
