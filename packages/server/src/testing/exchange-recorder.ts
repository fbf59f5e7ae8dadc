/** One request and its response, as a conformance check needs them. */
export interface Exchange {
  method: string;
  /** The URL as sent, still percent-encoded. */
  url: string;
  /** The request body as text; undefined when it had none. */
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
 * {@link openApiViolations}. Bodies are copied, so the caller still reads its response.
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
    const requestBody = request.body ? await request.clone().text() : undefined;
    const response = await handler(request);
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
