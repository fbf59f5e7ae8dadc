import { fileURLToPath } from "node:url";
import { runExample, startServerProcess } from "@botwire/server/testing";
import { expect, it } from "vitest";

// Runs examples/vercel-ai as a user would: its own process, twice, against a botwire-server
// process. Both import the packages' built dist (the root `npm test` builds first).
it("remembers the first run in the second, through a real server", async () => {
  const server = await startServerProcess();
  try {
    const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
    const run = () => runExample(script, { env: { BOTWIRE_URL: server.url } });
    const first = await run();
    expect(first).toContain("generateText: Nice to meet you, Ada! This is our first talk.");
    expect(first).toContain("useChat: the chat has 2 messages");

    const second = await run();
    expect(second).toContain("generateText: Welcome back, Ada! I remember 4 earlier messages.");
    expect(second).toContain(
      "useChat: the chat has 4 messages; the last answer: Welcome back, Ada! I remember 2 earlier messages.",
    );
  } finally {
    await server.stop();
  }
});
