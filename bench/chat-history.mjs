// A chat turn (read the last 20 messages, append the user's and the assistant's) while one
// session grows to 1000 messages, four ways:
//   BotWireChatHistory (window read + one atomic append) on the BotWire server, with the
//   client's default transport on Node (keep-alive node:http) and with the global fetch,
//   LangChain's RedisChatMessageHistory on real Redis (reads the whole list, one LPUSH per message),
//   the seed article's pattern on BotWire's KV routes (whole history in one value: get, push, set).
// Then the client's CPU per request with each transport (sequential GETs; the server runs in
// another process, so the CPU measured is the client's).
// Each measurement runs --repeats times (interleaved); ratios are the median of the repeats.
//   node chat-history.mjs [--messages=1000] [--repeats=3] [--chart=path.png]
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Memory } from "@botwire/core";
import { BotWireChatHistory } from "@botwire/langchain";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { RedisChatMessageHistory } from "@langchain/redis";
import { createClient } from "redis";
import { writeLineChart } from "./lib/line-chart.mjs";
import { recordRatio } from "./lib/ratios.mjs";
import { median, table } from "./lib/report.mjs";
import { spawnServer } from "./lib/spawn-server.mjs";

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const maxMessages = Number(arg("messages", 1000));
const repeats = Number(arg("repeats", 3));
const chartFile = arg("chart", new URL("./chat-history-latency.png", import.meta.url).pathname);
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

/** Client CPU (user + system) per sequential GET, in µs. */
async function cpuPerRequest(memory, requests) {
  await memory.set("cpu", { text });
  for (let i = 0; i < 200; i++) await memory.get("cpu"); // warm-up: JIT, connections
  const before = process.cpuUsage();
  for (let i = 0; i < requests; i++) await memory.get("cpu");
  const { user, system } = process.cpuUsage(before);
  return (user + system) / requests;
}

const DEFAULT = "BotWireChatHistory, default client (node:http)";
const FETCH = "BotWireChatHistory, client on global fetch";
const REDIS = "RedisChatMessageHistory (Redis)";
const SEED = "seed pattern: whole history in one value";
const server = await spawnServer("botwire.mjs");
const redis = createClient({ url: "redis://127.0.0.1:6379" });
await redis.connect();
/** Samples of every repeat, by series: [length, ms][]. */
const results = { [DEFAULT]: [], [FETCH]: [], [REDIS]: [], [SEED]: [] };
/** Per repeat: { series: samples }. */
const runs = [];
const cpu = { "node:http": [], fetch: [] };
try {
  const clients = {
    [DEFAULT]: new Memory("bench-chat", { url: server.url }),
    [FETCH]: new Memory("bench-chat", { url: server.url, fetch: globalThis.fetch }),
  };
  for (const memory of Object.values(clients)) {
    // Warm up the client and server (JIT, connection pool) on a session that is not measured.
    const warmUp = new BotWireChatHistory({
      sessionId: `warm-${process.pid}`,
      memory,
      maxMessages: window,
    });
    await grow({ read: () => warmUp.getMessages(), write: (m) => warmUp.addMessages(m) }, 100);
    await warmUp.clear();
  }
  for (let repeat = 0; repeat < repeats; repeat++) {
    const session = `bench-${process.pid}-${repeat}`;
    const run = {};
    for (const [name, memory] of Object.entries(clients)) {
      const history = new BotWireChatHistory({ sessionId: session, memory, maxMessages: window });
      run[name] = await grow({
        read: () => history.getMessages(),
        write: (messages) => history.addMessages(messages),
      });
      await history.clear();
    }
    const viaRedis = new RedisChatMessageHistory({ sessionId: session, client: redis });
    run[REDIS] = await grow({
      read: async () => (await viaRedis.getMessages()).slice(-window),
      write: (messages) => viaRedis.addMessages(messages),
    });
    await viaRedis.clear();
    if (repeat === 0) {
      // The seed pattern is the slow baseline of the chart: once is enough.
      const memory = clients[DEFAULT];
      const seedKey = `${session}_history`;
      run[SEED] = await grow({
        read: async () => ((await memory.get(seedKey)) ?? []).slice(-window),
        write: async (messages) => {
          const history = (await memory.get(seedKey)) ?? [];
          history.push(...messages.map((m) => ({ role: m.getType(), content: m.content })));
          await memory.set(seedKey, history);
        },
      });
      await memory.delete(seedKey);
    }
    for (const [name, samples] of Object.entries(run)) results[name].push(...samples);
    runs.push(run);
    const requests = maxMessages >= 1000 ? 3000 : 300;
    cpu["node:http"].push(await cpuPerRequest(clients[DEFAULT], requests));
    cpu.fetch.push(await cpuPerRequest(clients[FETCH], requests));
  }
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
    ["history length", ...names, "BotWire (default) ÷ Redis"],
    checkpoints.map((length) => {
      const ms = names.map((n) => at(results[n], length));
      return [length, ...ms.map((m) => m.toFixed(2)), (ms[0] / ms[2]).toFixed(2)];
    }),
  ),
);
/** Median turn latency over histories of `from`..`to` messages. */
const turn = (samples, from, to) =>
  median(samples.filter(([l]) => l >= from && l <= to).map(([, ms]) => ms));
const small = [window, window + 40];
const large = [maxMessages - 50, maxMessages];
const ratioRows = [
  ["chat-turn-20", `${DEFAULT} ÷ Redis, ${small[0]}–${small[1]} messages`, DEFAULT, small],
  ["chat-turn-1000", `${DEFAULT} ÷ Redis, ${large[0]}–${large[1]} messages`, DEFAULT, large],
  ["chat-turn-20-fetch", `${FETCH} ÷ Redis, ${small[0]}–${small[1]} messages`, FETCH, small],
  ["chat-turn-1000-fetch", `${FETCH} ÷ Redis, ${large[0]}–${large[1]} messages`, FETCH, large],
].map(([id, what, name, [from, to]]) => {
  const each = runs.map((run) => turn(run[name], from, to) / turn(run[REDIS], from, to));
  recordRatio(id, median(each), what);
  return [what, each.map((r) => r.toFixed(2)).join(" · "), median(each).toFixed(2)];
});
const cpuRatio = cpu["node:http"].map((us, i) => us / cpu.fetch[i]);
recordRatio("client-cpu", median(cpuRatio), "client CPU per request, node:http ÷ fetch");
console.log(`\n### Chat turn and client CPU ratios (median of ${repeats})\n`);
console.log(
  table(
    ["ratio", "each repeat", "median"],
    [
      ...ratioRows,
      [
        `client CPU per GET, node:http ÷ fetch (µs: ${median(cpu["node:http"]).toFixed(0)} vs ${median(cpu.fetch).toFixed(0)})`,
        cpuRatio.map((r) => r.toFixed(2)).join(" · "),
        median(cpuRatio).toFixed(2),
      ],
    ],
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
