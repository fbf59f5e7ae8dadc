import { appendFileSync } from "node:fs";

/**
 * Records a ratio a bench script computed, for the summary `run-all.mjs` prints against the
 * goals of lib/goals.mjs. A no-op when the script runs alone (BOTWIRE_BENCH_RATIOS unset).
 * @param id the goal's id in lib/goals.mjs, or any other name for a ratio without a goal
 * @param value the ratio
 * @param what what it compares, for ratios without a goal
 */
export function recordRatio(id, value, what = id) {
  const file = process.env.BOTWIRE_BENCH_RATIOS;
  if (file) appendFileSync(file, `${JSON.stringify({ id, value, what })}\n`);
}
