import { Memory } from "@botwire/core";
import { createMockServer, type MockServer } from "@botwire/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryServer } from "../src/create-memory-server.js";
import { type Client, call, connectInMemory } from "./sdk-client.js";

let mock: MockServer;
let client: Client;

beforeEach(async () => {
  mock = createMockServer();
  const memory = new Memory(`ns-${Math.random().toString(36).slice(2)}`, {
    url: mock.url,
    fetch: mock.fetch,
    retry: false,
  });
  client = await connectInMemory(createMemoryServer({ memory }));
});

afterEach(async () => {
  await client.close();
});

describe("tool list", () => {
  it("declares the six tools with input and output schemas, descriptions and annotations", async () => {
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual([
      "append_history",
      "forget",
      "list_memories",
      "read_history",
      "recall",
      "remember",
    ]);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
    }
    expect(byName.remember?.inputSchema.required).toEqual(["key", "value"]);
    expect(byName.append_history?.inputSchema.required).toEqual(["key", "messages"]);
    for (const name of ["recall", "list_memories", "read_history"]) {
      expect(byName[name]?.annotations?.readOnlyHint).toBe(true);
    }
    for (const name of ["remember", "forget"]) {
      expect(byName[name]?.annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: true,
      });
    }
    expect(byName.append_history?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
  });

  it("names itself with the package's version", async () => {
    const { default: pkg } = await import("../package.json", { with: { type: "json" } });
    expect(client.getServerVersion()).toMatchObject({ name: "botwire-mcp", version: pkg.version });
    expect(client.getInstructions()).toContain("list_memories");
  });
});

describe("values", () => {
  it("remembers any JSON, recalls it, and forgets it", async () => {
    const value = { name: "Ada", tags: ["math", null], n: 1.5, ok: true };
    const stored = await call(client, "remember", { key: "user:ada", value });
    expect(stored.isError).toBe(false);
    expect(stored.structured).toMatchObject({ key: "user:ada", created: true, expiresAt: null });
    expect(JSON.parse(stored.text)).toEqual(stored.structured);

    const recalled = await call(client, "recall", { key: "user:ada" });
    expect(recalled.structured).toMatchObject({
      key: "user:ada",
      found: true,
      value,
      expiresAt: null,
    });
    expect(Date.parse(recalled.structured?.updatedAt as string)).not.toBeNaN();

    const again = await call(client, "remember", { key: "user:ada", value: "replaced" });
    expect(again.structured?.created).toBe(false);
    expect((await call(client, "recall", { key: "user:ada" })).structured?.value).toBe("replaced");

    expect((await call(client, "forget", { key: "user:ada" })).structured).toEqual({
      key: "user:ada",
      deleted: true,
    });
    expect((await call(client, "forget", { key: "user:ada" })).structured?.deleted).toBe(false);
    expect((await call(client, "recall", { key: "user:ada" })).structured).toEqual({
      key: "user:ada",
      found: false,
    });
  });

  it("stores null and scalars as found values", async () => {
    for (const value of [null, 0, "", false, [1, [2]]]) {
      await call(client, "remember", { key: "v", value });
      expect((await call(client, "recall", { key: "v" })).structured).toMatchObject({
        found: true,
        value,
      });
    }
  });

  it("passes ttl through as an expiry time", async () => {
    const before = Date.now();
    const stored = await call(client, "remember", { key: "temp", value: 1, ttl: 60 });
    const expiresAt = Date.parse(stored.structured?.expiresAt as string);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 59_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 61_000);
  });
});

describe("histories", () => {
  it("appends in order and reads the newest window", async () => {
    const first = await call(client, "append_history", {
      key: "chat",
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
      ],
    });
    expect(first.structured).toMatchObject({ key: "chat", appended: 2, length: 2 });
    await call(client, "append_history", { key: "chat", messages: ["third"] });
    const all = await call(client, "read_history", { key: "chat" });
    expect(all.structured).toEqual({
      key: "chat",
      messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }, "third"],
      total: 3,
    });
    const last = await call(client, "read_history", { key: "chat", last: 1 });
    expect(last.structured).toEqual({ key: "chat", messages: ["third"], total: 3 });
    expect((await call(client, "read_history", { key: "none" })).structured).toEqual({
      key: "none",
      messages: [],
      total: 0,
    });
    expect((await call(client, "forget", { key: "chat" })).structured?.deleted).toBe(true);
  });
});

describe("list_memories", () => {
  it("pages through keys of both kinds, by prefix, bounded by limit", async () => {
    for (const key of ["a:1", "a:2", "a:3", "b:1"]) {
      await call(client, "remember", { key, value: key });
    }
    await call(client, "append_history", { key: "a:log", messages: [1] });
    const first = await call(client, "list_memories", { prefix: "a:", limit: 2 });
    const page1 = first.structured as { memories: { key: string }[]; nextCursor: string | null };
    expect(page1.memories.map((m) => m.key)).toEqual(["a:1", "a:2"]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await call(client, "list_memories", { prefix: "a:", cursor: page1.nextCursor });
    expect(second.structured).toMatchObject({
      memories: [
        { key: "a:3", kind: "value" },
        { key: "a:log", kind: "history" },
      ],
      nextCursor: null,
    });
  });

  it("asks the server for 50 keys by default", async () => {
    await call(client, "list_memories", {});
    expect(mock.requests.at(-1)?.path).toContain("limit=50");
  });
});
