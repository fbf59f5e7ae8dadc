// KV get/set throughput and latency at 1 and 50 connections: the BotWire server (SQLite, and
// PostgreSQL when it answers) against bare node:http doing the same SQLite calls (our overhead)
// and bare node:http over Redis (the in-memory ceiling). Every server in its own process.
//   node kv-throughput.mjs [--duration=seconds | --smoke]
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "@botwire/server/testing";
import { load } from "./lib/load.mjs";
import { recordRatio } from "./lib/ratios.mjs";
import { postgresAvailable, table } from "./lib/report.mjs";
import { runOptions } from "./lib/run-options.mjs";
import { spawnServer } from "./lib/spawn-server.mjs";

const { bound, label } = runOptions();
const value = JSON.stringify({ value: { text: "x".repeat(1000) } });
const workloads = [
  { name: "GET, 1 conn", connections: 1, method: "GET", path: "/v1/namespaces/bench/keys/k" },
  { name: "GET, 50 conns", connections: 50, method: "GET", path: "/v1/namespaces/bench/keys/k" },
  {
    name: "PUT 1 KB, 1 conn",
    connections: 1,
    method: "PUT",
    path: "/v1/namespaces/bench/keys/k{n}",
    body: value,
  },
  {
    name: "PUT 1 KB, 50 conns",
    connections: 50,
    method: "PUT",
    path: "/v1/namespaces/bench/keys/k{n}",
    body: value,
  },
];

const schema = randomSchema();
const servers = [
  { name: "BotWire (SQLite)", script: "botwire.mjs" },
  ...((await postgresAvailable(TEST_POSTGRES_URL))
    ? [
        {
          name: "BotWire (PostgreSQL)",
          script: "botwire.mjs",
          db: `${TEST_POSTGRES_URL}?schema=${schema}`,
        },
      ]
    : []),
  { name: "bare node:http + SQLite", script: "bare-node-sqlite.mjs" },
  { name: "bare node:http + Redis", script: "bare-node-redis.mjs" },
];

const results = new Map();
try {
  for (const server of servers) {
    const running = await spawnServer(server.script, server.db);
    const base = running.url;
    await fetch(`${base}/v1/namespaces/bench/keys/k`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: value,
    });
    await load({ url: `${base}/v1/namespaces/bench/keys/k`, connections: 10, amount: 500 }); // warm-up
    const rows = [];
    for (const w of workloads)
      rows.push(await load({ ...w, ...bound, url: `${base}${w.path}`, spread: 1000 }));
    results.set(server.name, rows);
    await running.stop();
  }
} finally {
  await dropSchema(schema).catch(() => {});
}

const ours = results.get("BotWire (SQLite)");
const bare = results.get("bare node:http + SQLite");
const redis = results.get("bare node:http + Redis");
const goalIds = { "GET, 50 conns": "server-get-c50", "PUT 1 KB, 50 conns": "server-put-c50" };
workloads.forEach((w, i) => {
  const what = `server ${w.name} ÷ bare node:http+SQLite`;
  recordRatio(goalIds[w.name] ?? `kv ${w.name} ÷ bare SQLite`, ours[i].rps / bare[i].rps, what);
  recordRatio(
    `kv ${w.name} ÷ Redis`,
    ours[i].rps / redis[i].rps,
    `server ${w.name} ÷ bare node:http+Redis`,
  );
});
console.log(`\n### KV throughput (${label} per cell; req/s, p50/p99 ms)\n`);
console.log(
  table(
    ["workload", ...servers.map((s) => s.name), "BotWire ÷ bare SQLite", "BotWire ÷ Redis"],
    workloads.map((w, i) => [
      w.name,
      ...servers.map((s) => {
        const r = results.get(s.name)[i];
        return `${Math.round(r.rps)} (${r.p50}/${r.p99})`;
      }),
      (ours[i].rps / bare[i].rps).toFixed(2),
      (ours[i].rps / redis[i].rps).toFixed(2),
    ]),
  ),
);
