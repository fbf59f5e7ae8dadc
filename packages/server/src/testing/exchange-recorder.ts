/** One request and its response, as a conformance check needs them. */
export interface Exchange {
  method: string;
  /** The URL as sent, still percent-encoded. */
  url: string;
  /** The request body as text; undefined when it had none, or the server refused it. */
  requestBody: string | undefined;
  status: number;
  /** The response's Content-Type, or null. */
  contentType: string | null;
  responseBody: string;
}

/** A fetch-shaped function: a handler, or `fetch` itself. */
export type RequestHandler = (request: Request) => Promise<Response>;

/**
 * Wraps `handler` so that every exchange through it is appended to `exchanges`, for
 * {@link openApiViolations}. Bodies are copied, so the caller still reads its response. Do not
 * pass it streamed uploads the server may refuse: its copy (a tee) would keep the server's
 * cancel of the stream waiting.
 *
 * @example
 * ```ts
 * const exchanges: Exchange[] = [];
 * const recorded = recordExchanges(createHandler(store), exchanges);
 * const memory = new Memory("app", { url: "http://local", fetch: (i, init) => recorded(new Request(i, init)) });
 * ```
 */
export function recordExchanges(handler: RequestHandler, exchanges: Exchange[]): RequestHandler {
  return async (request) => {
    const copy = request.body ? request.clone() : undefined;
    const response = await handler(request);
    // A body the server accepted was read in full, so its copy holds it all; one it refused may
    // never end (a stalled or endless upload), and is not needed. The copy is read only now: a
    // reader of it would pull an endless upload on its own.
    let requestBody: string | undefined;
    if (copy && response.ok) requestBody = await copy.text();
    // Not awaited: a tee's branch cancels only once the other branch does.
    else copy?.body?.cancel().catch(() => {});
    exchanges.push({
      method: request.method,
      url: request.url,
      requestBody,
      status: response.status,
      contentType: response.headers.get("content-type"),
      responseBody: await response.clone().text(),
    });
    return response;
  };
}
