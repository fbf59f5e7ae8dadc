import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Checks that the bench harness works end to end (servers start and stop, every table and the
// chart are produced). It measures nothing: smoke runs send a handful of requests per cell.
// Needs the built server: the root `npm test` builds before testing.
it("runs every benchmark in smoke mode and writes the chart", () => {
  const chart = fileURLToPath(new URL("../results/smoke-chart.png", import.meta.url));
  rmSync(chart, { force: true });
  const runAll = fileURLToPath(new URL("../run-all.mjs", import.meta.url));
  const run = spawnSync(process.execPath, [runAll, "--smoke", `--chart=${chart}`], {
    encoding: "utf8",
    timeout: 300_000,
  });
  expect(run.status, run.stderr).toBe(0);
  for (const heading of [
    "### KV throughput",
    "### Storage engines",
    "### Chat turn",
    "### Cold start and memory",
    "### Chat turn and client CPU ratios",
    "### Summary: issue 17 goals",
  ]) {
    expect(run.stdout).toContain(heading);
  }
  expect(run.stdout).toMatch(/\| BotWire CLI \(SQLite\) \| \d+ \| \d+ \| \d+ \|/);
  // Every goal has a row with a number or the reason it has none.
  expect(run.stdout).toMatch(
    /\| 1 · LangChain chat turn, default client ÷ Redis, 20 msgs \| \d+\.\d\d \| ≤ 1\.5 \|/,
  );
  expect(run.stdout).toMatch(/\| 4 · cold start to first response ÷ bare floor \| \d+\.\d\d \|/);
  expect(run.stdout).toMatch(
    /\| 3 · PostgreSQL PUT ÷ raw pg upserts, same pool \| — \| ≥ 0\.5 \| not computed: /,
  );
  expect(readFileSync(chart).subarray(1, 4).toString()).toBe("PNG");
}, 320_000);
