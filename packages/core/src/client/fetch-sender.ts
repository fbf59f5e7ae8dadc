import type { HttpSender } from "./http-sender.js";

/** An {@link HttpSender} over any `fetch`: the global one, undici's, or a mock server's. */
export function fetchSender(fetchFn: typeof fetch): HttpSender {
  return async ({ method, url, headers, body, signal }) => {
    const response = await fetchFn(url, { method, headers, body, signal });
    const text = await response.text();
    return { status: response.status, header: (name) => response.headers.get(name), text };
  };
}
