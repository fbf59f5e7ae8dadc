import { fileURLToPath } from "node:url";
import { runExample, startServerProcess } from "@botwire/server/testing";
import { expect, it } from "vitest";

const script = fileURLToPath(new URL("../index.mjs", import.meta.url));

// examples/openai-agents as a user runs it: its own process, twice, against a botwire-server
// process. It imports the packages' built dist: the root `npm test` builds them first.
it("the second run answers from the conversation the first run stored", async () => {
  const server = await startServerProcess();
  try {
    const env = { BOTWIRE_URL: server.url };
    const first = await runExample(script, { env });
    const second = await runExample(script, { env });
    expect(first).toContain("0 items stored by earlier runs");
    expect(first).toContain("assistant: Nice to meet you, Ada! Lisbon looks sunny, 24 °C.");
    expect(first).toContain("now 4 items");
    expect(second).toContain("4 items stored by earlier runs");
    expect(second).toContain("user: What do you remember about me?");
    expect(second).toContain(
      "assistant: You're Ada, flying to Lisbon; the weather there was sunny, 24 °C in Lisbon.",
    );
    expect(second).toContain("now 6 items");
  } finally {
    await server.stop();
  }
});
