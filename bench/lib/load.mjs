import autocannon from "autocannon";

/** Runs one bounded autocannon load and returns throughput and latency percentiles. */
export async function load({ url, connections, duration, method = "GET", body }) {
  const result = await autocannon({
    url,
    connections,
    duration,
    method,
    body,
    headers: body ? { "content-type": "application/json" } : undefined,
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${method} ${url}: ${result.errors} errors, ${result.non2xx} non-2xx responses`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}
