import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ProtocolError } from "@botwire/core/protocol";
import { getRequestListener } from "@hono/node-server";
import type { FetchHandler } from "../http/create-handler.js";
import { ResponsePressure } from "./response-pressure.js";

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Port to listen on; 0 picks a free one. @default 8790 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** How long a request may take to arrive in full (slow bodies are cut off). @default 30000 */
  requestTimeoutMs?: number;
  /** How long `close()` waits for in-flight requests before cutting connections. @default 10000 */
  shutdownGraceMs?: number;
  /**
   * Bytes of replies that may wait in the process for clients slow to read them; past it, new
   * requests get 503 `server_busy` with `Retry-After`. @default 268435456 (256 MiB)
   */
  maxBufferedResponseBytes?: number;
  /** How long a reply may wait for its client to read any of it before the connection is cut. @default 30000 */
  responseStallTimeoutMs?: number;
}

/** A listening server. */
export interface ServerHandle {
  /** Base URL, e.g. `http://127.0.0.1:8790`. */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then resolves. */
  close(): Promise<void>;
}

// A "." or ".." path segment, plain or percent-encoded: URL parsers would silently rewrite it
// (DELETE /v1/namespaces/ns/keys/%2E%2E would become DELETE /v1/namespaces/ns: a clear).
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?=\/|$)/i;
const NAMESPACE_DOT_SEGMENT = /^\/(?:v1\/namespaces|memory)\/(?:\.|%2e){1,2}(?:\/|$)/i;

function refuseDotSegment(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (!DOT_SEGMENT.test(path)) return false;
  const error = NAMESPACE_DOT_SEGMENT.test(path)
    ? new ProtocolError("invalid_namespace", "A namespace cannot be '.' or '..'.")
    : new ProtocolError("invalid_key", "A key cannot be '.' or '..'.");
  res.writeHead(error.status, { "content-type": "application/json" });
  res.end(JSON.stringify(error.toBody()));
  return true;
}

function refuseBusy(res: ServerResponse): void {
  const error = new ProtocolError(
    "server_busy",
    "The server holds too many replies that clients are slow to read: retry after the Retry-After delay.",
  );
  res.writeHead(error.status, { "content-type": "application/json", "retry-after": "1" });
  res.end(JSON.stringify(error.toBody()));
}

/** Mounts a fetch handler on Node's HTTP server. */
export async function serve(
  handler: FetchHandler,
  options: ServeOptions = {},
): Promise<ServerHandle> {
  const listener = getRequestListener(handler);
  const inFlight = new WeakMap<Socket, Promise<void>>();
  const pressure = new ResponsePressure({
    maxBufferedBytes: options.maxBufferedResponseBytes ?? 256 * 1024 * 1024,
    stallTimeoutMs: options.responseStallTimeoutMs ?? 30_000,
  });
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    // Node requires the headers deadline to fall within the whole request's, and only checks
    // deadlines every connectionsCheckingInterval (30 s by default: too late for a slow body).
    {
      requestTimeout,
      headersTimeout: Math.min(10_000, requestTimeout),
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    (req, res) => {
      if (refuseDotSegment(req, res)) return;
      // Node hands over requests pipelined on one connection at once; run them one after the
      // other, so a GET sent after a PUT sees it, as HTTP/1.1 clients expect.
      const previous = inFlight.get(req.socket);
      const done = new Promise<void>((resolve) => res.once("close", resolve));
      inFlight.set(req.socket, done);
      const serve = () => {
        if (pressure.overloaded()) return refuseBusy(res);
        pressure.track(res);
        void listener(req, res);
      };
      if (previous) void previous.then(serve);
      else serve();
    },
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8790, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === "IPv6" ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(
          () => server.closeAllConnections(),
          options.shutdownGraceMs ?? 10_000,
        );
        // A keep-alive connection becomes idle once its in-flight request is answered: reap it
        // then, rather than waiting for the client to hang up.
        const reap = setInterval(() => server.closeIdleConnections(), 25);
        server.close(() => {
          clearTimeout(force);
          clearInterval(reap);
          pressure.close();
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
