import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { expect } from "vitest";
import type { CallResult } from "./harness.js";

/** A `GET /metrics` response parsed by a real exposition-format parser, by family name. */
export function parseMetrics(result: CallResult): Map<string, MetricFamily> {
  expect(result.status).toBe(200);
  expect(result.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Map(parsePrometheusTextFormat(result.text).map((family) => [family.name, family]));
}

/** The samples of `name` whose labels include `labels`. */
export function samplesOf(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
) {
  const family = families.get(name);
  if (!family) throw new Error(`no metric family ${name}`);
  return family.metrics.filter((sample) =>
    Object.entries(labels).every(([label, value]) => sample.labels?.[label] === value),
  );
}

/** How many series (label sets) every family of the exposition holds, in total. */
export function seriesCount(families: Map<string, MetricFamily>): number {
  let total = 0;
  for (const family of families.values()) total += family.metrics.length;
  return total;
}

/**
 * The `_count` series of histogram `name` whose labels include `labels`, as numbers. Read as
 * a counter family of their own: the parser merges a labelled histogram's buckets across label
 * sets (it flattens `le` into one object and drops the labels), so its samples cannot be told
 * apart, while its `_count` lines parse exactly.
 */
export function histogramCounts(
  result: CallResult,
  name: string,
  labels: Record<string, string> = {},
): number[] {
  const lines = result.text.split("\n").filter((line) => line.startsWith(`${name}_count`));
  const text = `# TYPE ${name}_count counter\n${lines.join("\n")}\n`;
  const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
  return samplesOf(families, `${name}_count`, labels).map((sample) => Number(sample.value));
}
