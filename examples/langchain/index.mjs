// A LangChain chat that remembers across process restarts: the history lives in a BotWire
// server (BOTWIRE_URL, default http://127.0.0.1:8790), so a second run of this program picks
// the conversation up where the first left it. Offline: a stand-in model answers with what the
// conversation it received holds; swap it for a real chat model (e.g. ChatOpenAI pointed at
// the Portkey gateway, see examples/portkey-gateway) and nothing else changes.
//
//   node index.mjs "Hi, I'm Ada."   then   node index.mjs "What's my name?"
import { Memory } from "@botwire/core";
import { BotWireChatHistory } from "@botwire/langchain";
import { AIMessage } from "@langchain/core/messages";
import { ChatPromptTemplate, MessagesPlaceholder } from "@langchain/core/prompts";
import { RunnableLambda, RunnableWithMessageHistory } from "@langchain/core/runnables";

const message = process.argv.slice(2).join(" ") || "What did I tell you?";
const sessionId = "user-42";
const memory = new Memory("langchain-example");

/** The stand-in model: it lists what the user said before, i.e. what memory gave it. */
const recallModel = RunnableLambda.from((prompt) => {
  const said = prompt
    .toChatMessages()
    .filter((m) => m.getType() === "human")
    .slice(0, -1)
    .map((m) => `"${m.content}"`);
  return new AIMessage(
    said.length > 0 ? `Earlier you told me: ${said.join(", ")}.` : "This is our first talk.",
  );
});

const prompt = ChatPromptTemplate.fromMessages([
  ["system", "You are a helpful assistant."],
  new MessagesPlaceholder("history"),
  ["human", "{input}"],
]);

// RunnableWithMessageHistory reads the history, runs the chain, then stores the question and
// the answer with ONE addMessages call: one atomic append, so a turn is never half-stored.
const chain = new RunnableWithMessageHistory({
  runnable: prompt.pipe(recallModel),
  getMessageHistory: (id) => new BotWireChatHistory({ sessionId: id, memory, ttl: 86_400 }),
  inputMessagesKey: "input",
  historyMessagesKey: "history",
});

try {
  console.log(`you: ${message}`);
  const reply = await chain.invoke({ input: message }, { configurable: { sessionId } });
  console.log(`model: ${reply.content}`);
  const history = await new BotWireChatHistory({ sessionId, memory }).getMessages();
  console.log(`history in BotWire: ${history.length} messages`);
  for (const m of history) console.log(`  ${m.getType()}: ${m.content}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
