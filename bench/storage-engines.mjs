// The same workload on SQLite (one server) and PostgreSQL (one and two replicas on one database).
//   node storage-engines.mjs [--duration=seconds | --smoke]
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "@botwire/server/testing";
import { loadMany } from "./lib/load-many.mjs";
import { recordRatio } from "./lib/ratios.mjs";
import { runOptions } from "./lib/run-options.mjs";
import { spawnServer } from "./lib/spawn-server.mjs";

const { bound, label } = runOptions();
const postgres = process.env.BOTWIRE_BENCH_POSTGRES_URL ?? TEST_POSTGRES_URL;
const value = JSON.stringify({ value: { text: "x".repeat(1000) } });
const message = JSON.stringify({ items: [{ role: "user", content: "x".repeat(200) }] });
// Writes spread over 1000 keys / sessions, as real traffic does; one hot key would only
// measure how writers queue on that key's lock.
const workloads = [
  { name: "GET value", method: "GET", path: "/v1/namespaces/bench/keys/k" },
  { name: "PUT 1 KB value", method: "PUT", path: "/v1/namespaces/bench/keys/k{n}", body: value },
  {
    name: "append 1 message",
    method: "POST",
    path: "/v1/namespaces/bench/lists/s{n}",
    body: message,
  },
];

async function measure(name, dbs) {
  const servers = await Promise.all(dbs.map((db) => spawnServer("botwire.mjs", db)));
  const base = servers.map((s) => s.url);
  await fetch(`${base[0]}/v1/namespaces/bench/keys/k`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: value,
  });
  const row = { name, results: [] };
  for (const w of workloads) {
    const urls = base.map((b) => `${b}${w.path}`);
    row.results.push(
      await loadMany({
        urls,
        connections: 50,
        ...bound,
        method: w.method,
        body: w.body,
        spread: 1000,
      }),
    );
  }
  await Promise.all(servers.map((s) => s.stop()));
  return row;
}

const schema = randomSchema();
const pgDb = `${postgres}${postgres.includes("?") ? "&" : "?"}schema=${schema}`;
const rows = [];
try {
  rows.push(await measure("SQLite, 1 server", [undefined]));
  rows.push(await measure("PostgreSQL, 1 replica", [pgDb]));
  rows.push(await measure("PostgreSQL, 2 replicas", [pgDb, pgDb]));
} finally {
  await dropSchema(schema, postgres);
}
const base = rows[0].results;
console.log(
  "\n### Storage engines: SQLite vs PostgreSQL, one and two replicas (req/s, ratio to SQLite, p99 ms)\n",
);
console.log(
  `| setup (50 connections, ${label} each) | ${workloads.map((w) => `${w.name} req/s (×SQLite) · p99 ms`).join(" | ")} |`,
);
console.log(`|---|${workloads.map(() => "---").join("|")}|`);
for (const row of rows.slice(1)) {
  row.results.forEach((r, i) => {
    const what = `${row.name}, ${workloads[i].name} ÷ SQLite`;
    recordRatio(`engines ${what}`, r.rps / base[i].rps, what);
  });
}
for (const row of rows) {
  const cells = row.results.map(
    (r, i) => `${Math.round(r.rps)} (${(r.rps / base[i].rps).toFixed(2)}) · ${r.p99}`,
  );
  console.log(`| ${row.name} | ${cells.join(" | ")} |`);
}
