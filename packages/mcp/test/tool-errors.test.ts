import { Memory } from "@botwire/core";
import { createMockServer, type MockServer } from "@botwire/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryServer } from "../src/create-memory-server.js";
import { type Client, call, connectInMemory } from "./sdk-client.js";

let mock: MockServer;
let client: Client;

beforeEach(async () => {
  mock = createMockServer();
  const memory = new Memory("errors", { url: mock.url, fetch: mock.fetch, retry: false });
  client = await connectInMemory(createMemoryServer({ memory }));
});

afterEach(async () => {
  await client.close();
});

describe("bad arguments come back as tool errors naming the argument", () => {
  it.each([
    ["remember", { key: "k" }, "pass the JSON to remember as value"],
    ["remember", { key: "k", value: 1, ttl: 0 }, "ttl"],
    ["remember", { key: "", value: 1 }, "key"],
    ["recall", {}, "key"],
    ["append_history", { key: "k", messages: [] }, "messages"],
    ["append_history", { key: "k", messages: "hi" }, "messages"],
    ["read_history", { key: "k", last: 0 }, "last"],
    ["list_memories", { limit: 5000 }, "limit"],
  ])("%s %j", async (tool, args, named) => {
    const outcome = await call(client, tool, args);
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain(named);
    expect(mock.requests).toEqual([]);
  });

  it("a key the protocol refuses is refused before sending, with the rule", async () => {
    const outcome = await call(client, "remember", { key: "bad\u0000key", value: 1 });
    expect(outcome).toMatchObject({ isError: true });
    expect(outcome.text).toContain("no control characters");
    expect(mock.requests).toEqual([]);
  });
});

describe("a key of the other kind points at the right tool", () => {
  beforeEach(async () => {
    await call(client, "remember", { key: "fact", value: 1 });
    await call(client, "append_history", { key: "log", messages: [1] });
  });

  it.each([
    ["recall", { key: "log" }, "read it with read_history"],
    ["remember", { key: "log", value: 1 }, "use append_history"],
    ["read_history", { key: "fact" }, "read it with recall"],
    ["append_history", { key: "fact", messages: [1] }, "forget 'fact' first"],
  ])("%s %j", async (tool, args, advice) => {
    const outcome = await call(client, tool, args);
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain(advice);
  });
});

describe("server errors say what to do, and the server keeps serving", () => {
  it("a write quota says how long to wait", async () => {
    mock.faults.rateLimitNext(1, 3);
    const outcome = await call(client, "remember", { key: "k", value: 1 });
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/^Quota exceeded: retry after 3 s\./);
    expect((await call(client, "remember", { key: "k", value: 1 })).isError).toBe(false);
  });

  it("a full namespace says waiting will not help", async () => {
    mock.faults.failNext(1, { status: 429, code: "quota_exceeded" });
    const outcome = await call(client, "append_history", { key: "k", messages: [1] });
    expect(outcome.text).toMatch(/^Quota exceeded, and waiting will not help/);
  });

  it("a refused token says where botwire-mcp's token is configured", async () => {
    mock.faults.failNext(1, { status: 401 });
    const outcome = await call(client, "recall", { key: "k" });
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain("set BOTWIRE_TOKEN (or --token)");
  });

  it("an unreachable server names BOTWIRE_URL", async () => {
    mock.faults.networkErrorNext(1);
    const outcome = await call(client, "list_memories", {});
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain("BOTWIRE_URL");
    expect((await call(client, "list_memories", {})).isError).toBe(false);
  });

  it("a server error keeps the server's message", async () => {
    mock.faults.failNext(1, { status: 503 });
    const outcome = await call(client, "forget", { key: "k" });
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain("503 store_unavailable");
  });
});
