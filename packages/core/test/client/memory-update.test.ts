import { describe, expect, it } from "vitest";
import { BotWireConflictError, BotWireWrongKindError, Memory } from "../../src/index.js";
import { createMockServer } from "../../src/testing/index.js";
import { mockMemory, rejectionOf } from "./mock-memory.js";

describe("Memory.update", () => {
  it("creates an absent key (ifAbsent), then updates it (ifVersion), returning the value", async () => {
    const { mock, memory } = mockMemory();
    expect(await memory.update<number>("n", (n) => (n ?? 0) + 1)).toBe(1);
    expect(await memory.update<number>("n", (n) => (n ?? 0) + 1, { ttl: 60 })).toBe(2);
    const puts = mock.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(2);
    expect((await memory.getEntry("n"))?.expiresAt).not.toBeNull();
  });

  it("loses no increment under contention: 20 concurrent updates of one counter give 20", async () => {
    const { memory, connect } = mockMemory();
    const clients = Array.from({ length: 20 }, (_, i) => (i % 2 ? memory : connect()));
    await Promise.all(clients.map((client) => client.update<number>("hits", (n) => (n ?? 0) + 1)));
    expect(await memory.get("hits")).toBe(20);
  });

  it("loses no increment over real HTTP either", async () => {
    const mock = createMockServer();
    const http = await mock.listen();
    try {
      const clients = Array.from({ length: 20 }, () => new Memory("race", { url: http.url }));
      await Promise.all(clients.map((c) => c.update<number>("hits", async (n) => (n ?? 0) + 1)));
      expect(await new Memory("race", { url: http.url }).get("hits")).toBe(20);
    } finally {
      await http.close();
    }
  });

  it("gives up after maxAttempts lost races with the conflict", async () => {
    const { memory, connect } = mockMemory();
    const rival = connect();
    let attempts = 0;
    const error = await rejectionOf(
      memory.update<number>(
        "k",
        async (n) => {
          attempts++;
          await rival.set("k", attempts * 100);
          return (n ?? 0) + 1;
        },
        { maxAttempts: 3 },
      ),
    );
    expect(BotWireConflictError.isInstance(error)).toBe(true);
    expect(attempts).toBe(3);
    expect(await memory.get("k")).toBe(300);
  });

  it("passes other errors through at once, without retrying", async () => {
    const { memory } = mockMemory();
    await memory.append("chat", ["hi"]);
    let calls = 0;
    const error = await rejectionOf(memory.update("chat", () => ++calls));
    expect(BotWireWrongKindError.isInstance(error)).toBe(true);
    expect(calls).toBe(0);
    const thrown = new Error("fn failed");
    await expect(
      memory.update("k", () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
  });
});
