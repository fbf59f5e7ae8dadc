// A LangChain chat that remembers across process restarts, fully offline:
// the BotWire server runs in-process on a temporary SQLite file, and a fake chat model answers.
// With a real model, swap FakeListChatModel for e.g. ChatOpenAI pointed at the Portkey gateway.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Memory } from "@botwire/core";
import { BotWireChatHistory } from "@botwire/langchain";
import { createHandler, SqliteStore, serve } from "@botwire/server";
import { ChatPromptTemplate, MessagesPlaceholder } from "@langchain/core/prompts";
import { RunnableWithMessageHistory } from "@langchain/core/runnables";
import { FakeListChatModel } from "@langchain/core/utils/testing";

const dir = mkdtempSync(join(tmpdir(), "botwire-example-"));
const store = new SqliteStore({ path: join(dir, "botwire.db") });
const server = await serve(createHandler(store), { port: 0 });

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You are a helpful assistant."],
  new MessagesPlaceholder("history"),
  ["human", "{input}"],
]);

/** What an app process builds at start: a model, a chain, a history per session. */
function startApp(responses) {
  const memory = new Memory("langchain-example", { url: server.url });
  return new RunnableWithMessageHistory({
    runnable: prompt.pipe(new FakeListChatModel({ responses })),
    getMessageHistory: (sessionId) => new BotWireChatHistory({ sessionId, memory, ttl: 86_400 }),
    inputMessagesKey: "input",
    historyMessagesKey: "history",
  });
}

const config = { configurable: { sessionId: "user-42" } };
try {
  const first = startApp(["Nice to meet you, Ada!"]);
  console.log("turn 1:", (await first.invoke({ input: "Hi, I'm Ada." }, config)).content);

  // "Restart": a new app with a new client. The conversation is still there.
  const second = startApp(["You told me your name is Ada."]);
  console.log("turn 2:", (await second.invoke({ input: "What's my name?" }, config)).content);

  const history = await new BotWireChatHistory({
    sessionId: "user-42",
    memory: new Memory("langchain-example", { url: server.url }),
  }).getMessages();
  console.log(`history after restart: ${history.length} messages`);
  for (const message of history) console.log(`  ${message.getType()}: ${message.content}`);
  if (history.length !== 4) throw new Error("the conversation did not survive the restart");
} finally {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
