import { fileURLToPath } from "node:url";
import { runExample, startServerProcess } from "@botwire/server/testing";
import { expect, it } from "vitest";

const script = fileURLToPath(new URL("../index.mjs", import.meta.url));

// It imports the packages' built dist: the root `npm test` builds everything first.
it("remembers the user on the second run, through botwire-mcp over stdio", async () => {
  const server = await startServerProcess();
  try {
    const first = await runExample(script, { env: { BOTWIRE_URL: server.url } });
    expect(first).toContain(
      "remember, recall, forget, list_memories, append_history, read_history",
    );
    expect(first).toContain("assistant: Nice to meet you, Ada!");
    expect(first).toContain("session 1 done: 1 sessions remembered");

    const second = await runExample(script, { env: { BOTWIRE_URL: server.url } });
    expect(second).toContain('"found":true,"value":{"name":"Ada","drink":"Green tea"}');
    expect(second).toContain("assistant: Welcome back, Ada! This is our session 2.");
    expect(second).toContain("session 2 done: 2 sessions remembered");
  } finally {
    await server.stop();
  }
}, 60_000);
