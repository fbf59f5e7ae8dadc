// The seed article's app, done right: LLM calls go through the Portkey gateway (routing,
// observability); what the agent must remember lives in BotWire, so it survives restarts and
// is shared by every process. Run it twice: the second process remembers the first.
//
//   node index.mjs "Hi, my name is Ada."   then   node index.mjs "What's my name?"
//
// BOTWIRE_URL          the memory server (default http://127.0.0.1:8790)
// PORTKEY_GATEWAY_URL  the gateway, e.g. http://127.0.0.1:8787/v1; unset: this run starts
//                      @portkey-ai/gateway itself and stops it on exit
// MODEL_BASE_URL       the OpenAI-compatible upstream the gateway routes to (its customHost);
//                      unset: this run starts the local model stub and stops it on exit
// MODEL_API_KEY, MODEL the upstream's key and model (defaults fit the stub)
import { constants } from "node:os";
import { Memory } from "@botwire/core";
import { Portkey } from "portkey-ai";
import { chatWithMemory, HISTORY_WINDOW } from "./chat-with-memory.mjs";
import { gatewayChatModel, langchainTurn } from "./langchain-chat.mjs";
import { startGatewayProcess, startModelStubProcess, stopAllProcesses } from "./processes.mjs";
import { getFreshContext, storeUserContext, usersWithContext } from "./user-context.mjs";

const userId = "user-42";
const message = process.argv.slice(2).join(" ") || "What's my name?";
const model = process.env.MODEL ?? "gpt-4o-mini";
const apiKey = process.env.MODEL_API_KEY ?? "sk-offline";

const sessions = new Memory("user-sessions"); // the seed's two namespaces; BOTWIRE_URL applies
const workspace = new Memory("agent-workspace");

// Processes this run started are stopped on exit, on Ctrl-C and on SIGTERM alike.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    void stopAllProcesses().then(() => process.exit(128 + constants.signals[signal]));
  });
}
/** The URL from the environment, else one of a process this run starts: `{ url, note }`. */
async function urlOrStart(url, start) {
  if (url) return { url, note: "" };
  return { url: (await start()).url, note: " (started by this run)" };
}

/** What is known about the user, as sentences a model (and the stub) reads. */
const describe = (context) =>
  Object.entries(context)
    .map(([what, value]) => `The user's ${what} is ${value}.`)
    .join(" ");

/** Asks the model which facts the user stated, as a JSON object ({} when it gives none). */
async function learnFacts(portkey, known) {
  const history = await sessions.range(`${userId}:history`, { last: HISTORY_WINDOW });
  const instruction = "Reply only with the facts the user stated about themselves, as JSON.";
  const response = await portkey.chat.completions.create({
    model,
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: `${instruction} ${describe(known)}` },
      ...history.map((item) => item.value),
    ],
  });
  const facts = JSON.parse(response.choices[0]?.message?.content ?? "{}");
  return facts !== null && typeof facts === "object" && !Array.isArray(facts) ? facts : {};
}

async function main() {
  const upstream = await urlOrStart(process.env.MODEL_BASE_URL, startModelStubProcess);
  const gateway = await urlOrStart(process.env.PORTKEY_GATEWAY_URL, startGatewayProcess);
  console.log(`memory:  ${process.env.BOTWIRE_URL ?? "http://127.0.0.1:8790"}`);
  console.log(`gateway: ${gateway.url}${gateway.note}`);
  console.log(`model:   ${upstream.url}${upstream.note}`);
  const portkey = new Portkey({
    baseURL: gateway.url,
    provider: "openai",
    customHost: upstream.url, // where the gateway sends the call
    Authorization: `Bearer ${apiKey}`,
  });

  // 1. What an earlier process learnt about the user, if it is still fresh.
  const fresh = await getFreshContext(workspace, userId);
  console.log(
    fresh
      ? `context: ${JSON.stringify(fresh.context)}, fresh until ${new Date(fresh.expiresAt).toISOString()}`
      : "context: none yet",
  );

  // 2. A turn through the gateway, streamed, remembered as a window + one atomic append.
  console.log(`you: ${message}`);
  process.stdout.write("portkey: ");
  const turn = await chatWithMemory({
    memory: sessions,
    portkey,
    userId,
    message,
    model,
    system: fresh ? `Remembered about the user: ${describe(fresh.context)}` : undefined,
    onToken: (text) => process.stdout.write(text),
  });
  console.log(`\n  (sent ${turn.fromHistory} earlier messages from BotWire with it)`);

  // 3. The facts outlive the 10-message window: kept for 24 h, refreshed by every turn.
  const facts = await learnFacts(portkey, fresh?.context ?? {});
  if (Object.keys(facts).length > 0) {
    await storeUserContext(workspace, userId, facts);
    console.log(`context stored for 24 h: ${JSON.stringify(facts)}`);
  }
  console.log(`users with a fresh context: ${(await usersWithContext(workspace)).join(", ")}`);

  // 4. The seed's LangChain section: ChatOpenAI through the gateway + BotWireChatHistory.
  const llm = gatewayChatModel({ gatewayUrl: gateway.url, modelUrl: upstream.url, apiKey, model });
  const lc = await langchainTurn({ llm, sessionId: userId, message });
  console.log(
    `langchain: ${lc.reply}\n  (sent ${lc.fromHistory} earlier messages from BotWire with it)`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await stopAllProcesses();
}
