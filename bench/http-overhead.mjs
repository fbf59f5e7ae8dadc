// What the BotWire server (Hono + validation + versions + TTL on SQLite) costs over bare
// node:http doing the same SQLite calls. Ratios come from one run on one machine.
//   node http-overhead.mjs [--duration=seconds]
import { load } from "./lib/load.mjs";
import { spawnServer } from "./lib/spawn-server.mjs";

const duration = Number(process.argv.find((a) => a.startsWith("--duration="))?.split("=")[1] ?? 5);
const value = JSON.stringify({ value: { text: "x".repeat(1000) } });
const workloads = [
  { name: "GET small value, 1 connection", connections: 1, method: "GET" },
  { name: "GET small value, 50 connections", connections: 50, method: "GET" },
  { name: "PUT 1 KB value, 50 connections", connections: 50, method: "PUT", body: value },
];
const servers = [
  { name: "BotWire server", script: "botwire.mjs", path: "/v1/namespaces/bench/keys/k" },
  {
    name: "bare node:http + SQLite",
    script: "bare-node-sqlite.mjs",
    path: "/v1/namespaces/bench/keys/k",
  },
];

const results = {};
for (const server of servers) {
  const running = await spawnServer(server.script);
  const url = `${running.url}${server.path}`;
  await fetch(url, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: '{"value":{"hello":"world"}}',
  });
  await load({ url, connections: 10, duration: 1 }); // warm-up
  results[server.name] = [];
  for (const workload of workloads)
    results[server.name].push(await load({ url, duration, ...workload }));
  await running.stop();
}

const [ours, floor] = servers.map((s) => results[s.name]);
const lines = [
  `| workload (${duration} s each) | BotWire req/s | bare req/s | BotWire / bare | BotWire p50 / p99 ms | bare p50 / p99 ms |`,
  "|---|---|---|---|---|---|",
  ...workloads.map((w, i) => {
    const a = ours[i];
    const b = floor[i];
    return `| ${w.name} | ${Math.round(a.rps)} | ${Math.round(b.rps)} | ${(a.rps / b.rps).toFixed(2)} | ${a.p50} / ${a.p99} | ${b.p50} / ${b.p99} |`;
  }),
];
console.log(lines.join("\n"));
