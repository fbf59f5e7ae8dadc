// A chat turn (read the last 20 messages, append the user's and the assistant's) while one
// session grows to 1000 messages, three ways:
//   BotWireChatHistory (window read + one atomic append) on the BotWire server,
//   LangChain's RedisChatMessageHistory on real Redis (reads the whole list, one LPUSH per message),
//   the seed article's pattern on BotWire's KV routes (whole history in one value: get, push, set).
//   node chat-history.mjs [--messages=1000] [--chart=path.png]
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Memory } from "@botwire/core";
import { BotWireChatHistory } from "@botwire/langchain";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { RedisChatMessageHistory } from "@langchain/redis";
import { createClient } from "redis";
import { writeLineChart } from "./lib/line-chart.mjs";
import { median, table } from "./lib/report.mjs";
import { spawnServer } from "./lib/spawn-server.mjs";

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const maxMessages = Number(arg("messages", 1000));
const chartFile = arg(
  "chart",
  new URL("./results/chat-history-latency.png", import.meta.url).pathname,
);
const window = 20;
const text = "x".repeat(200);

/** Runs turns until the session holds `messages`; returns [length, ms] per turn. */
async function grow(turn, messages = maxMessages) {
  const samples = [];
  for (let length = 0; length < messages; length += 2) {
    const started = performance.now();
    const context = await turn.read();
    if (context.length !== Math.min(length, window))
      throw new Error(`read ${context.length} messages at length ${length}`);
    await turn.write([new HumanMessage(text), new AIMessage(text)]);
    samples.push([length, performance.now() - started]);
  }
  return samples;
}

const server = await spawnServer("botwire.mjs");
const redis = createClient({ url: "redis://127.0.0.1:6379" });
await redis.connect();
const session = `bench-${process.pid}`;
const results = {};
try {
  const memory = new Memory("bench-chat", { url: server.url });
  // Warm up the client and server (JIT, connection pool) on a session that is not measured.
  const warmUp = new BotWireChatHistory({
    sessionId: `${session}-warm-up`,
    memory,
    maxMessages: window,
  });
  await grow({ read: () => warmUp.getMessages(), write: (m) => warmUp.addMessages(m) }, 100);
  await warmUp.clear();
  const botwire = new BotWireChatHistory({ sessionId: session, memory, maxMessages: window });
  results["BotWireChatHistory (BotWire server)"] = await grow({
    read: () => botwire.getMessages(),
    write: (messages) => botwire.addMessages(messages),
  });

  const viaRedis = new RedisChatMessageHistory({ sessionId: session, client: redis });
  results["RedisChatMessageHistory (Redis)"] = await grow({
    read: async () => (await viaRedis.getMessages()).slice(-window),
    write: (messages) => viaRedis.addMessages(messages),
  });
  await viaRedis.clear();

  const seedKey = `${session}_history`;
  results["seed pattern: whole history in one value"] = await grow({
    read: async () => ((await memory.get(seedKey)) ?? []).slice(-window),
    write: async (messages) => {
      const history = (await memory.get(seedKey)) ?? [];
      history.push(...messages.map((m) => ({ role: m.getType(), content: m.content })));
      await memory.set(seedKey, history);
    },
  });
} finally {
  await redis.quit();
  await server.stop();
}

const names = Object.keys(results);
const checkpoints = [0.1, 0.25, 0.5, 0.75, 0.95].map((f) => 2 * Math.round((f * maxMessages) / 2));
const at = (samples, length) =>
  median(
    samples
      .filter(([l]) => Math.abs(l - length) <= Math.max(4, maxMessages / 20))
      .map(([, ms]) => ms),
  );
console.log(`\n### Chat turn (read last ${window} + append 2), median ms by history length\n`);
console.log(
  table(
    ["history length", ...names, "Redis ÷ BotWire", "seed ÷ BotWire"],
    checkpoints.map((length) => {
      const [ours, redisMs, seed] = names.map((n) => at(results[n], length));
      return [
        length,
        ours.toFixed(2),
        redisMs.toFixed(2),
        seed.toFixed(2),
        (redisMs / ours).toFixed(2),
        (seed / ours).toFixed(2),
      ];
    }),
  ),
);
mkdirSync(dirname(chartFile), { recursive: true });
const bucket = Math.max(10, Math.round(maxMessages / 40));
writeLineChart(chartFile, {
  title: `Chat turn latency as the history grows (read last ${window} + append 2)`,
  xLabel: "messages in the session",
  yLabel: "median turn latency (ms)",
  series: names.map((name) => ({
    name,
    points: Array.from({ length: Math.floor(maxMessages / bucket) }, (_, i) => [
      i * bucket,
      at(results[name], i * bucket + bucket / 2),
    ]).filter(([, y]) => Number.isFinite(y)),
  })),
});
console.log(`\nChart: ${chartFile}`);
