// Cold start to the first served request, and memory (RSS) idle and after load: the BotWire
// server (the CLI users run, on SQLite) against bare node:http + SQLite.
//   node cold-start.mjs [--duration=seconds] [--smoke]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "./lib/load.mjs";
import { recordRatio } from "./lib/ratios.mjs";
import { median, table } from "./lib/report.mjs";
import { runOptions } from "./lib/run-options.mjs";

const { smoke, bound } = runOptions();
const runs = smoke ? 1 : 5;
const cli = fileURLToPath(new URL("../packages/server/dist/cli/main.js", import.meta.url));
const bare = fileURLToPath(new URL("./servers/bare-node-sqlite.mjs", import.meta.url));
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;

/** Starts a server and returns ms until it answered its first request, plus its pid. */
async function coldStart(args, port) {
  const started = performance.now();
  const child = spawn(process.execPath, args(port), { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/v1/namespaces/bench/keys/k`;
  for (;;) {
    try {
      await fetch(url);
      return { ms: performance.now() - started, child, url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

const servers = [
  {
    name: "BotWire CLI (SQLite)",
    args: (db) => (port) => [cli, "--port", String(port), "--db", db, "--log-level", "warn"],
  },
  { name: "bare node:http + SQLite", args: (db) => (port) => [bare, db, String(port)] },
];
const rows = [];
for (const server of servers) {
  const starts = [];
  let idle = 0;
  let loaded = 0;
  for (let run = 0; run < runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), "botwire-cold-"));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const { ms, child, url } = await coldStart(server.args(join(dir, "cold.db")), port);
    starts.push(ms);
    if (run === 0) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      idle = rssMb(child.pid);
      const body = JSON.stringify({ value: { text: "x".repeat(1000) } });
      await load({
        url: url.replace(/k$/, "k{n}"),
        connections: 50,
        method: "PUT",
        body,
        spread: 1000,
        ...bound,
      });
      loaded = rssMb(child.pid);
    }
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push([server.name, median(starts).toFixed(0), idle.toFixed(0), loaded.toFixed(0)]);
}
// rows: [name, start ms, idle MB, loaded MB]; the first is BotWire, the second the bare floor.
const [[, ourStart, ourIdle, ourLoaded], [, bareStart]] = rows;
recordRatio("cold-start", Number(ourStart) / Number(bareStart));
recordRatio("idle-rss", Number(ourIdle));
recordRatio("loaded-rss", Number(ourLoaded));
console.log(`\n### Cold start and memory (median of ${runs} starts)\n`);
console.log(
  table(
    ["server", "cold start to first response (ms)", "idle RSS (MB)", "RSS after PUT load (MB)"],
    rows,
  ),
);
