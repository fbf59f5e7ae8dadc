// What popItem costs on a long history, next to a turn's append and window read. The protocol
// has no pop, so popItem reads the whole list and replaces it under its version: O(length).
// Against a botwire-server process on SQLite; items are ~200-byte messages.
//   npm run build && node packages/openai-agents/bench/pop-cost.mjs [--lengths=100,1000,10000]
import { Memory } from "@botwire/core";
import { BotWireSession } from "@botwire/openai-agents";
import { startServerProcess } from "@botwire/server/testing";

const lengths = (
  process.argv.find((a) => a.startsWith("--lengths="))?.split("=")[1] ?? "100,1000,10000,50000"
)
  .split(",")
  .map(Number);
const samples = 7;
const message = (i) => ({ type: "message", role: "user", content: `${i} ${"x".repeat(190)}` });

/** Median milliseconds of `samples` calls of `fn`. */
async function median(fn) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[samples >> 1];
}

const server = await startServerProcess();
try {
  const memory = new Memory("bench-openai-agents", { url: server.url });
  console.log("| history length | addItems (1 item) | getItems(20) | popItem |");
  console.log("| -: | -: | -: | -: |");
  for (const length of lengths) {
    const session = new BotWireSession({ sessionId: `pop-${length}`, memory });
    for (let i = 0; i < length; i += 1000) {
      const count = Math.min(1000, length - i);
      await session.addItems(Array.from({ length: count }, (_, j) => message(i + j)));
    }
    await session.popItem(); // the first pop also writes the bookkeeping item: not measured
    await session.addItems([message(length)]);
    const append = await median(() => session.addItems([message(0)]));
    const read = await median(() => session.getItems(20));
    const pop = await median(() => session.popItem());
    const ms = (value) => `${value.toFixed(1)} ms`;
    console.log(`| ${length} | ${ms(append)} | ${ms(read)} | ${ms(pop)} |`);
    await session.clearSession();
  }
} finally {
  await server.stop();
}
