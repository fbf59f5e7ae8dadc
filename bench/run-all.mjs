// `npm run bench`: every comparison, one after the other, each in its own process.
//   node run-all.mjs [--duration=seconds] [--smoke]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { goals } from "./lib/goals.mjs";
import { table } from "./lib/report.mjs";

const flags = process.argv.slice(2);
const smoke = flags.includes("--smoke");
const scripts = [
  ["kv-throughput.mjs", flags],
  ["storage-engines.mjs", flags],
  ["chat-history.mjs", smoke ? ["--messages=40", "--repeats=1", ...flags] : flags],
  ["cold-start.mjs", flags],
];
console.log(
  `# BotWire benchmarks — ${new Date().toISOString()} · Node ${process.version}${smoke ? " · SMOKE RUN (numbers mean nothing)" : ""}`,
);
// Every script records the ratios it computes here (lib/ratios.mjs) for the summary.
const dir = mkdtempSync(join(tmpdir(), "botwire-bench-"));
const ratiosFile = join(dir, "ratios.jsonl");
writeFileSync(ratiosFile, "");
try {
  for (const [script, args] of scripts) {
    execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
      stdio: "inherit",
      env: { ...process.env, BOTWIRE_BENCH_RATIOS: ratiosFile },
    });
  }
  const recorded = readFileSync(ratiosFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  printSummary(recorded);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** One screen: every goal of issue 17 with its measured value, then every other ratio. */
function printSummary(recorded) {
  const byId = new Map(recorded.map((r) => [r.id, r]));
  const rows = goals.map((goal) => {
    const measured = byId.get(goal.id);
    const unit = goal.unit ? ` ${goal.unit}` : "";
    const target =
      goal.max !== undefined
        ? `≤ ${goal.max}${unit}`
        : goal.min !== undefined
          ? `≥ ${goal.min}${unit}`
          : "state it";
    if (goal.notYet || !measured)
      return [
        goal.what,
        "—",
        target,
        `not computed: ${goal.notYet ?? "its script did not record it"}`,
      ];
    const value = `${measured.value.toFixed(goal.unit ? 0 : 2)}${unit}`;
    const met =
      goal.max !== undefined
        ? measured.value <= goal.max
        : goal.min !== undefined
          ? measured.value >= goal.min
          : undefined;
    const verdict = met === undefined ? "(no threshold)" : met ? "met" : "NOT met";
    return [goal.what, value, target, `${verdict}${goal.note ? ` · ${goal.note}` : ""}`];
  });
  const ids = new Set(goals.map((g) => g.id));
  const others = recorded
    .filter((r) => !ids.has(r.id))
    .map((r) => [r.what, r.value.toFixed(2), "—", ""]);
  console.log(
    `\n### Summary: issue 17 goals${smoke ? " (SMOKE RUN: numbers mean nothing)" : ""}\n`,
  );
  console.log(table(["ratio", "measured", "goal", ""], [...rows, ...others]));
}
