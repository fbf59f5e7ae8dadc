import autocannon from "autocannon";

/**
 * Runs one bounded autocannon load and returns throughput and latency percentiles. With
 * `spread`, each request's path has `{n}` replaced by a random number below it, so writes go
 * to many keys as real traffic does, instead of queueing on one key's lock.
 */
export async function load({ url, connections, duration, amount, method = "GET", body, spread }) {
  const target = new URL(url);
  const result = await autocannon({
    url: target.origin,
    connections,
    // `amount` (a request count) bounds smoke runs; real runs are bounded by `duration`.
    ...(amount ? { amount } : { duration }),
    requests: [
      {
        method,
        body,
        headers: body ? { "content-type": "application/json" } : undefined,
        setupRequest: (request) => ({
          ...request,
          path: target.pathname.replace("{n}", String(Math.floor(Math.random() * (spread ?? 1)))),
        }),
      },
    ],
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${method} ${url}: ${result.errors} errors, ${result.non2xx} non-2xx responses`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}
