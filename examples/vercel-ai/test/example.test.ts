import { fileURLToPath } from "node:url";
import { runNodeScript, startServerProcess } from "@botwire/server/testing";
import { expect, it } from "vitest";

// Runs examples/vercel-ai as a user would: its own process, twice, against a botwire-server
// process. Both import the packages' built dist (the root `npm test` builds first).
it("remembers the first run in the second, through a real server", async () => {
  const server = await startServerProcess();
  try {
    const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
    const run = () => runNodeScript(script, { env: { BOTWIRE_URL: server.url } });
    const first = await run();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("generateText: Nice to meet you, Ada! This is our first talk.");
    expect(first.stdout).toContain("useChat: the chat has 2 messages");

    const second = await run();
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(
      "generateText: Welcome back, Ada! I remember 4 earlier messages.",
    );
    expect(second.stdout).toContain(
      "useChat: the chat has 4 messages; the last answer: Welcome back, Ada! I remember 2 earlier messages.",
    );
  } finally {
    await server.stop();
  }
});
