import { load } from "./load.mjs";

/**
 * Loads several replicas at once, splitting the connections between them (as a load balancer
 * would), and returns the summed throughput and the worst percentiles.
 */
export async function loadMany({ urls, connections, ...options }) {
  const results = await Promise.all(
    urls.map((url) =>
      load({ url, connections: Math.max(1, Math.round(connections / urls.length)), ...options }),
    ),
  );
  return {
    rps: results.reduce((sum, r) => sum + r.rps, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
  };
}
