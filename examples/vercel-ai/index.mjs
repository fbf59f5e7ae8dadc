// An AI SDK app that remembers across restarts. It talks to the BotWire server at BOTWIRE_URL
// (default http://127.0.0.1:8790; start one with `npm start` at the repository root) and runs
// offline: a mock model answers from what it is shown. With a real model, swap `offlineModel`
// for e.g. openai("gpt-4o"). Run it twice: the second run remembers the first.
import { Memory } from "@botwire/core";
import { botwireChatStore, botwireMemory } from "@botwire/vercel-ai";
import { convertToModelMessages, generateText, streamText, wrapLanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";

/** A stand-in model: it greets by name the user it finds in the messages it was given. */
function answer(options) {
  const said = options.prompt
    .filter((message) => message.role === "user")
    .flatMap((message) => message.content.filter((part) => part.type === "text"))
    .map((part) => part.text);
  const earlier = options.prompt.filter((message) => message.role !== "system").length - 1;
  const name = said.map((text) => /I'm (\w+)/.exec(text)?.[1]).find(Boolean);
  return earlier === 0
    ? `Nice to meet you${name ? `, ${name}` : ""}! This is our first talk.`
    : `Welcome back${name ? `, ${name}` : ""}! I remember ${earlier} earlier messages.`;
}
const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const finish = { type: "finish", usage, finishReason: { unified: "stop", raw: undefined } };
const offlineModel = new MockLanguageModelV4({
  doGenerate: async (options) => ({
    content: [{ type: "text", text: answer(options) }],
    finishReason: finish.finishReason,
    usage,
    warnings: [],
  }),
  doStream: async (options) => ({
    stream: ReadableStream.from([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: answer(options) },
      { type: "text-end", id: "t" },
      finish,
    ]),
  }),
});

// 1. Memory for any model call: generateText / streamText see the session's earlier turns.
const model = wrapLanguageModel({
  model: offlineModel,
  middleware: botwireMemory({ memory: new Memory("vercel-ai-example"), maxMessages: 20 }),
});
const session = { botwire: { sessionId: "user-42" } };
const { text } = await generateText({
  model,
  system: "You are a friendly assistant.",
  prompt: "Hi, I'm Ada.",
  providerOptions: session,
});
console.log(`generateText: ${text}`);
const streamed = streamText({ model, prompt: "Still there?", providerOptions: session });
console.log(`streamText: ${await streamed.text}`);

// 2. useChat persistence: the route handler a Next.js app would export as POST.
const chats = botwireChatStore({ memory: new Memory("vercel-ai-example-chats") });
async function POST(request) {
  const { id, message } = await request.json();
  const chat = await chats.open(id);
  const messages = [...chat.messages, message];
  const result = streamText({
    model: offlineModel,
    messages: await convertToModelMessages(messages),
  });
  result.consumeStream();
  return result.toUIMessageStreamResponse(chats.persist(chat, messages));
}
const before = await chats.load("demo-chat");
const response = await POST(
  new Request("http://app/api/chat", {
    method: "POST",
    body: JSON.stringify({
      id: "demo-chat",
      message: {
        id: `user-${before.length}`,
        role: "user",
        parts: [{ type: "text", text: "Hi, I'm Ada." }],
      },
    }),
  }),
);
await response.text(); // what the browser would read
const after = await chats.load("demo-chat");
const reply = after.at(-1)?.parts.find((part) => part.type === "text")?.text;
console.log(`useChat: the chat has ${after.length} messages; the last answer: ${reply}`);
