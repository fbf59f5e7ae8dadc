import { Memory } from "@botwire/core";
import { createMockServer, type MockServer } from "@botwire/core/testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createMemoryServer } from "../src/create-memory-server.js";
import { memoryUri } from "../src/memory-resource.js";
import { type Client, connectInMemory } from "./sdk-client.js";

let mock: MockServer;
let memory: Memory;
let client: Client;

beforeEach(async () => {
  mock = createMockServer();
  memory = new Memory("res", { url: mock.url, fetch: mock.fetch, retry: false });
  client = await connectInMemory(createMemoryServer({ memory }));
});

afterEach(async () => {
  await client.close();
});

async function read(uri: string): Promise<unknown> {
  const { contents } = await client.readResource({ uri });
  expect(contents).toHaveLength(1);
  expect(contents[0]).toMatchObject({ uri, mimeType: "application/json" });
  return JSON.parse((contents[0] as { text: string }).text);
}

it("offers the memory://{namespace}/{key} template", async () => {
  const { resourceTemplates } = await client.listResourceTemplates();
  expect(resourceTemplates).toMatchObject([
    { name: "memory", uriTemplate: "memory://{namespace}/{key}", mimeType: "application/json" },
  ]);
});

it("lists keys of both kinds as resources, at most 100", async () => {
  await memory.setMany(Array.from({ length: 120 }, (_, i) => ({ key: `k${1000 + i}`, value: i })));
  await memory.append("chat", ["hi"]);
  const { resources } = await client.listResources();
  expect(resources).toHaveLength(100);
  expect(resources[0]).toMatchObject({
    uri: "memory://res/chat",
    name: "chat",
    description: "chat history",
  });
  expect(resources[1]).toMatchObject({
    uri: "memory://res/k1000",
    description: "remembered value",
  });
});

it("reads values and histories, keys with / , spaces and non-ASCII included", async () => {
  const key = "notes/2024, Zürich ✓";
  await memory.set(key, { a: [1, null] });
  await memory.append("chat", [{ role: "user", content: "hi" }, "two"]);
  const { resources } = await client.listResources();
  expect(resources.map((r) => r.uri)).toContain(memoryUri("res", key));
  expect(await read(memoryUri("res", key))).toEqual({ a: [1, null] });
  expect(await read(memoryUri("res", "chat"))).toEqual([{ role: "user", content: "hi" }, "two"]);
});

it("says what to do for an absent key or another namespace", async () => {
  await expect(client.readResource({ uri: memoryUri("res", "gone") })).rejects.toThrow(
    "Nothing is stored under 'gone'",
  );
  await memory.set("k", 1);
  await expect(client.readResource({ uri: memoryUri("other", "k") })).rejects.toThrow(
    "BOTWIRE_NAMESPACE=other",
  );
});

it("fails a list or read with what to do, and recovers", async () => {
  mock.faults.failNext(1, { status: 401 });
  await expect(client.listResources()).rejects.toThrow("set BOTWIRE_TOKEN (or --token)");
  mock.faults.networkErrorNext(1);
  await expect(client.readResource({ uri: memoryUri("res", "k") })).rejects.toThrow("BOTWIRE_URL");
  expect((await client.listResources()).resources).toEqual([]);
});
