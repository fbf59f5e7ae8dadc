import { randomUUID } from "node:crypto";
import type { Context, Hono } from "hono";
import type { HandlerLogger } from "./handler-options.js";
import { targetOf } from "./request-target.js";
import type { ServerEnv } from "./server-env.js";

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = "x-request-id";

// Ids end up in log lines and response headers: short, and nothing a log viewer or a header
// could misread (no spaces, quotes, control characters).
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** The caller's `X-Request-Id` when it is safe to repeat (≤ 128 of `A-Za-z0-9._:/+=-`), else a new UUID. */
export function acceptRequestId(header: string | undefined): string {
  return header !== undefined && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Gives every request an id (the caller's `X-Request-Id`, or a new one), echoes it in the
 * response, and a child logger bound to it, so every log line of the request names it. The
 * line logged per request holds the method, the route pattern, the status and the time: never
 * a header, a path (keys), a body or a token.
 */
export function registerRequestIds(app: Hono<ServerEnv>, logger: HandlerLogger): void {
  app.use(async (c, next) => {
    const start = performance.now();
    const requestId = acceptRequestId(c.req.header(REQUEST_ID_HEADER));
    const log = logger.child?.({ requestId }) ?? logger;
    c.set("logger", log);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    log.debug?.(
      {
        method: c.req.method,
        route: targetOf(c).route ?? "unmatched",
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      },
      "request served",
    );
  });
}

/** The logger of this request (bound to its id), or `fallback` outside a request. */
export function loggerOf(c: Context<ServerEnv>, fallback: HandlerLogger): HandlerLogger {
  return c.get("logger") ?? fallback;
}
