// A LlamaIndex.TS chat that remembers across runs. Start the BotWire server first
// (`npm start` at the repository root, or `npx botwire-server`), then run this twice:
// the second run restores the first run's conversation and answers from it.
import { BotWireNetworkError, Memory } from "@botwire/core";
import { BotWireFactsBlock, createBotWireMemory } from "@botwire/llamaindex";
import { SimpleChatEngine } from "llamaindex";
import { FakeLLM } from "./fake-llm.mjs";

const url = process.env.BOTWIRE_URL ?? "http://127.0.0.1:8790";
const client = (namespace) => new Memory(namespace, { url });

// Long-term facts about the user: values in their own namespace, in every prompt.
const profile = new BotWireFactsBlock({
  memory: client("llamaindex-example-users"),
  prefix: "ada:",
});

let memory;
try {
  memory = await createBotWireMemory({
    sessionId: "ada",
    memory: client("llamaindex-example-chat"),
    ttl: 7 * 86_400,
    memoryBlocks: [profile],
  });
} catch (error) {
  if (!BotWireNetworkError.isInstance(error)) throw error;
  console.error(
    `No BotWire server at ${url}: start one with \`npm start\` at the repository root.`,
  );
  process.exit(1);
}

const earlier = (await memory.get()).length;
console.log(earlier === 0 ? "New conversation." : `Restored ${earlier} earlier messages.`);
if (earlier === 0) await profile.remember("name", "Ada");

const message = earlier === 0 ? "My favourite colour is blue." : "What is my favourite colour?";
console.log(`user: ${message}`);

// Streamed, as a chat UI would: the engine saves the reply without waiting for the save,
// so wait for it (and see any failure) with flush() before the process exits.
const engine = new SimpleChatEngine({ llm: new FakeLLM(), memory });
let reply = "";
for await (const chunk of await engine.chat({ message, stream: true })) reply += chunk.delta;
console.log(`assistant: ${reply}`);
await memory.flush();
console.log(`The session now holds ${(await memory.get()).length} messages.`);
