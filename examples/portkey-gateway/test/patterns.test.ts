import { Memory } from "@botwire/core";
import { createMockServer } from "@botwire/core/testing";
import { describe, expect, it } from "vitest";
import { chatWithMemory } from "../chat-with-memory.mjs";
import { reply } from "../model-stub.mjs";
import { getFreshContext, storeUserContext, usersWithContext } from "../user-context.mjs";

// The example's patterns on their own, against the in-process mock server: what each promises
// in the README (window, whole replies, nothing half-stored, no lost turns, native TTL).

type Message = { role: string; content: string };

/** A Portkey client stand-in that streams `reply(messages)` word by word, optionally failing. */
function streamingModel({ failAfter }: { failAfter?: number } = {}) {
  const calls: Message[][] = [];
  const create = async ({ messages }: { messages: Message[] }) => {
    calls.push(messages);
    const words = reply(messages).split(/(?<= )/);
    return (async function* () {
      for (const [i, word] of words.entries()) {
        if (i === failAfter) throw new Error("connection reset");
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield { choices: [{ delta: { content: word } }] };
      }
    })();
  };
  return { calls, portkey: { chat: { completions: { create } } } };
}

function memory(now?: () => number) {
  const mock = createMockServer({ now });
  return new Memory("user-sessions", { url: mock.url, fetch: mock.fetch });
}

describe("chatWithMemory", () => {
  it("sends the system message, the last 10 messages and the question; stores the whole reply", async () => {
    const sessions = memory();
    const earlier = Array.from({ length: 12 }, (_, i) => ({
      role: i % 2 ? "assistant" : "user",
      content: i === 10 ? "my name is Ada" : `message ${i}`,
    }));
    await sessions.append("u:history", earlier);
    const { calls, portkey } = streamingModel();
    const tokens: string[] = [];

    const turn = await chatWithMemory({
      memory: sessions,
      portkey,
      userId: "u",
      message: "What's my name?",
      model: "m",
      system: "Be brief.",
      onToken: (text: string) => tokens.push(text),
    });

    expect(calls[0]).toEqual([
      { role: "system", content: "Be brief." },
      ...earlier.slice(2),
      { role: "user", content: "What's my name?" },
    ]);
    expect(tokens.length).toBeGreaterThan(1);
    expect(turn).toEqual({ reply: "Your name is Ada.", fromHistory: 10 });
    expect((await sessions.range("u:history", { last: 2 })).map((item) => item.value)).toEqual([
      { role: "user", content: "What's my name?" },
      { role: "assistant", content: "Your name is Ada." },
    ]);
  });

  it("stores nothing when the stream fails midway", async () => {
    const sessions = memory();
    const { portkey } = streamingModel({ failAfter: 2 });
    await expect(
      chatWithMemory({
        memory: sessions,
        portkey,
        userId: "u",
        message: "my name is Ada",
        model: "m",
      }),
    ).rejects.toThrow("connection reset");
    expect(await sessions.range("u:history")).toEqual([]);
  });

  it("loses no turn when turns of one user run at once; each question is followed by its answer", async () => {
    const sessions = memory();
    const { portkey } = streamingModel();
    const turns = Array.from({ length: 8 }, (_, i) =>
      chatWithMemory({
        memory: sessions,
        portkey,
        userId: "u",
        message: `my number is ${i}`,
        model: "m",
      }),
    );
    await Promise.all(turns);
    const stored = (await sessions.range("u:history")).map((item) => item.value as Message);
    expect(stored).toHaveLength(16);
    for (let i = 0; i < stored.length; i += 2) {
      const number = /my number is (\d)/.exec(stored[i]?.content ?? "")?.[1];
      expect(stored[i + 1]).toEqual({
        role: "assistant",
        content: `Got it: your number is ${number}.`,
      });
    }
  });
});

describe("user context with native TTL", () => {
  it("is fresh until maxAgeHours have passed, then gone for every reader", async () => {
    let now = Date.UTC(2026, 0, 1);
    const workspace = memory(() => now);
    await storeUserContext(workspace, "ada", { name: "Ada" });
    await storeUserContext(workspace, "bob", { name: "Bob" }, 1);

    expect(await getFreshContext(workspace, "ada")).toEqual({
      context: { name: "Ada" },
      expiresAt: now + 24 * 3_600_000,
    });
    expect(await usersWithContext(workspace)).toEqual(["ada", "bob"]);

    now += 3_600_000; // bob's hour is over
    expect(await getFreshContext(workspace, "bob")).toBeUndefined();
    expect(await usersWithContext(workspace)).toEqual(["ada"]);

    await storeUserContext(workspace, "ada", { name: "Ada", city: "Paris" }); // restarts the clock
    now += 23 * 3_600_000;
    expect((await getFreshContext(workspace, "ada"))?.context).toEqual({
      name: "Ada",
      city: "Paris",
    });
    now += 3_600_000;
    expect(await getFreshContext(workspace, "ada")).toBeUndefined();
  });
});

describe("the model stub", () => {
  it("answers only from facts stated by the user or the system, never from its own replies", () => {
    expect(reply([{ role: "user", content: "What's my name?" }])).toBe(
      "I don't know your name yet.",
    );
    expect(
      reply([
        { role: "assistant", content: "my name is Bot" },
        { role: "user", content: "What is my name?" },
      ]),
    ).toBe("I don't know your name yet.");
    expect(
      reply([
        { role: "system", content: "The user's name is Ada." },
        { role: "user", content: "What's my name?" },
      ]),
    ).toBe("Your name is Ada.");
    expect(reply([{ role: "user", content: "Hi, my name is Ada and my city is Paris" }])).toBe(
      "Got it: your name is Ada, your city is Paris.",
    );
    expect(
      reply([
        { role: "system", content: "Reply with the facts as JSON." },
        { role: "user", content: "my name is Ada" },
      ]),
    ).toBe('{"name":"Ada"}');
  });
});
