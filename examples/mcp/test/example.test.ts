import { fileURLToPath } from "node:url";
import { runNodeScript, startServerProcess } from "@botwire/server/testing";
import { expect, it } from "vitest";

const script = fileURLToPath(new URL("../index.mjs", import.meta.url));

/** Runs the example as its own process, as `npm start` does. */
const run = (env: Record<string, string>) => runNodeScript(script, { env });

// It imports the packages' built dist: the root `npm test` builds everything first.
it("remembers the user on the second run, through botwire-mcp over stdio", async () => {
  const server = await startServerProcess();
  try {
    const first = await run({ BOTWIRE_URL: server.url });
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      "remember, recall, forget, list_memories, append_history, read_history",
    );
    expect(first.stdout).toContain("assistant: Nice to meet you, Ada!");
    expect(first.stdout).toContain("session 1 done: 1 sessions remembered");

    const second = await run({ BOTWIRE_URL: server.url });
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('"found":true,"value":{"name":"Ada","drink":"Green tea"}');
    expect(second.stdout).toContain("assistant: Welcome back, Ada! This is our session 2.");
    expect(second.stdout).toContain("session 2 done: 2 sessions remembered");
  } finally {
    await server.stop();
  }
}, 60_000);
