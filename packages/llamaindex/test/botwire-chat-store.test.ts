import { BotWireError, BotWireUnavailableError, BotWireWrongKindError } from "@botwire/core";
import { mockServerTarget } from "@botwire/test-suite/targets";
import type { ChatMessage } from "@llamaindex/core/llms";
import { SimpleChatStore } from "@llamaindex/core/storage/chat-store";
import { beforeEach, describe, expect, it } from "vitest";
import { BotWireChatStore } from "../src/index.js";

const user = (content: string): ChatMessage => ({ role: "user", content });

describe("BotWireChatStore", () => {
  let target: ReturnType<typeof mockServerTarget>;
  let store: BotWireChatStore;
  beforeEach(() => {
    target = mockServerTarget();
    store = new BotWireChatStore({ memory: target.memory("li"), keyPrefix: "chat:" });
  });
  const calls = () => target.mock.requests.map((r) => `${r.method} ${r.path}`);

  it("does what SimpleChatStore does, for every method and index", async () => {
    const reference = new SimpleChatStore();
    const steps: [string, (s: SimpleChatStore | BotWireChatStore) => unknown][] = [
      ["add", (s) => s.addMessage("a", user("1"))],
      ["add", (s) => s.addMessage("a", user("2"))],
      ["insert at 0", (s) => s.addMessage("a", user("0"), 0)],
      ["insert at -1", (s) => s.addMessage("a", user("1.5"), -1)],
      ["insert past the end", (s) => s.addMessage("a", user("9"), 99)],
      ["insert into a new session", (s) => s.addMessage("b", user("b0"), 3)],
      ["delete at 1", (s) => s.deleteMessage("a", 1)],
      ["delete at -2", (s) => s.deleteMessage("a", -2)],
      ["delete past the end", (s) => s.deleteMessage("a", 42)],
      ["set", (s) => s.setMessages("c", [user("c0"), user("c1")])],
      ["set to empty", (s) => s.setMessages("d", [])],
      ["delete a session", (s) => s.deleteMessages("c")],
      ["delete an absent session", (s) => s.deleteMessages("nope")],
    ];
    for (const [step, run] of steps) {
      await run(reference);
      await run(store);
      for (const key of ["a", "b", "c", "d"]) {
        expect(await store.getMessages(key), `${step}: ${key}`).toEqual(reference.getMessages(key));
      }
      expect([...(await store.getKeys())].sort(), step).toEqual([...reference.getKeys()].sort());
    }
  });

  it("makes one call for set, get, add, addMessages and delete", async () => {
    await store.setMessages("s", [user("a")]);
    await store.getMessages("s");
    await store.addMessage("s", user("b"));
    await store.addMessages("s", [user("c"), user("d")]);
    await store.addMessages("s", []);
    await store.deleteMessages("s");
    expect(calls()).toEqual([
      "PUT /v1/namespaces/li/lists/chat%3As",
      "GET /v1/namespaces/li/lists/chat%3As",
      "POST /v1/namespaces/li/lists/chat%3As",
      "POST /v1/namespaces/li/lists/chat%3As",
      "DELETE /v1/namespaces/li/lists/chat%3As",
    ]);
  });

  it("returns what deleteMessage and deleteLastMessage removed", async () => {
    await store.setMessages("s", [user("a"), user("b"), user("c")]);
    expect(await store.deleteLastMessage("s")).toEqual(user("c"));
    expect(await store.deleteMessage("s", 0)).toEqual(user("a"));
    expect(await store.deleteMessage("s", 5)).toBeUndefined();
    expect(await store.getMessages("s")).toEqual([user("b")]);
    expect(await store.deleteLastMessage("absent")).toBeUndefined();
    expect([...(await store.getKeys())]).toEqual(["s"]);
  });

  it("keeps every insert when 20 writers insert at once (no lost update)", async () => {
    target.mock.faults.latency(2);
    await store.setMessages("s", [user("first"), user("last")]);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.addMessage("s", user(`m${i}`), 1)),
    );
    const texts = (await store.getMessages("s")).map((m) => m.content);
    expect(texts).toHaveLength(22);
    expect([texts[0], texts.at(-1)]).toEqual(["first", "last"]);
    expect(new Set(texts).size).toBe(22);
  });

  it("lists only the histories under its prefix, without the prefix", async () => {
    const memory = target.memory("li");
    await memory.set("chat:a-value", "not a history");
    await memory.append("other:x", ["another app's list"]);
    await store.addMessage("z", user("z"));
    await store.addMessage("a/b", user("ab"));
    expect([...(await store.getKeys())]).toEqual(["a/b", "z"]);
    const everything = new BotWireChatStore({ memory });
    expect([...(await everything.getKeys())]).toEqual(["chat:a/b", "chat:z", "other:x"]);
  });

  it("refreshes the TTL on each write", async () => {
    const expiring = new BotWireChatStore({ memory: target.memory("li"), ttl: 60 });
    await expiring.addMessage("s", user("a"));
    target.advanceTime(59_000);
    await expiring.addMessage("s", user("b"), 0);
    target.advanceTime(59_000);
    expect(await expiring.getMessages("s")).toEqual([user("b"), user("a")]);
    target.advanceTime(1_001);
    expect(await expiring.getMessages("s")).toEqual([]);
  });

  it("round-trips multimodal content and message options", async () => {
    const message: ChatMessage<{ toolCall: { id: string; name: string; input: object }[] }> = {
      role: "assistant",
      content: [
        { type: "text", text: "Here:" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
      ],
      options: { toolCall: [{ id: "c1", name: "lookup", input: { q: "cats" } }] },
    };
    const typed = new BotWireChatStore<NonNullable<typeof message.options>>({
      memory: target.memory("li"),
    });
    await typed.addMessage("s", message);
    expect(await typed.getMessages("s")).toEqual([message]);
  });

  it("uses the namespace option for its default client", () => {
    expect(() => new BotWireChatStore({ namespace: "bad space" })).toThrow(/namespace/);
  });

  it("surfaces server errors as BotWireErrors", async () => {
    // An append is never sent twice after a 503: the error reaches the caller.
    target.mock.faults.failNext(1, { status: 503, code: "store_unavailable" });
    await expect(store.addMessage("s", user("a"))).rejects.toSatisfy(
      BotWireUnavailableError.isInstance,
    );
    target.mock.faults.failNext(1, { status: 500, code: "internal_error" });
    await expect(store.setMessages("s", [])).rejects.toSatisfy(BotWireError.isInstance);
    await target.memory("li").set("chat:v", "a value");
    await expect(store.getMessages("v")).rejects.toSatisfy(BotWireWrongKindError.isInstance);
    await expect(store.deleteMessage("v", 0)).rejects.toSatisfy(BotWireWrongKindError.isInstance);
  });
});
