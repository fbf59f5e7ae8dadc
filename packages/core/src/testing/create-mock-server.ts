import { DEFAULT_LIMITS, type Limits } from "../protocol/limits.js";
import { MockData } from "./mock-data.js";
import { MockFaults } from "./mock-faults.js";
import { routeMockRequest } from "./mock-routes.js";

/** Options of {@link createMockServer}. */
export interface MockServerOptions {
  /** Protocol limits; unset ones keep the defaults. */
  limits?: Partial<Limits>;
  /** The clock (epoch ms) that decides expiry; pass a movable one to test TTLs. @default Date.now */
  now?: () => number;
}

/** An in-memory BotWire server. */
export interface MockServer {
  /** Base URL to give `Memory` with {@link MockServer.fetch}. */
  readonly url: string;
  /** A `fetch` that serves requests in-process: `new Memory(ns, { url: mock.url, fetch: mock.fetch })`. */
  readonly fetch: typeof fetch;
  /**
   * Serves one request (the web-standard fetch handler: mount it in any server). Network and
   * drop faults reject, like `fetch` does.
   */
  handle(request: Request): Promise<Response>;
  /**
   * Also serves over real HTTP on 127.0.0.1 and an ephemeral port (Node, Bun, Deno: uses
   * `node:http`, imported on demand). Faults apply as well: network and drop faults destroy
   * the connection. Call `close()` when done.
   */
  listen(): Promise<{ url: string; close(): Promise<void> }>;
  /** Every request received, in order, faulted ones included: path with the query string. */
  readonly requests: { method: string; path: string }[];
  /** Fault injection: failures, lost answers and latency for the next requests. */
  readonly faults: MockFaults;
  /** Forgets all data, recorded requests and faults. Versions keep counting up: none is reused. */
  reset(): void;
}

/**
 * An in-memory implementation of the BotWire v1 protocol, for unit tests: no port, no
 * database, no dependencies, with faults on demand. It passes the same contract suite as the
 * real server, and a differential test compares its every answer with the server's.
 *
 * @example
 * ```ts
 * const mock = createMockServer();
 * const memory = new Memory("test", { url: mock.url, fetch: mock.fetch });
 * mock.faults.failNext(1, { status: 503 }); // the client retries and succeeds
 * await memory.set("k", 1);
 * ```
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const data = new MockData();
  const faults = new MockFaults();
  const requests: { method: string; path: string }[] = [];
  const clock = options.now ?? Date.now;
  const context = {
    data,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    // The protocol's times are integer milliseconds, whatever clock a test passes in.
    now: () => Math.floor(clock()),
  };

  const handle = async (request: Request): Promise<Response> => {
    const { pathname, search } = new URL(request.url);
    requests.push({ method: request.method, path: pathname + search });
    if (faults.latencyMs > 0) await delay(faults.latencyMs, request.signal);
    const fault = faults.take();
    if (fault?.kind === "network") throw new TypeError("fetch failed (mock: connection refused)");
    if (fault?.kind === "status") return faultResponse(fault);
    const response = await routeMockRequest(request, context);
    if (fault?.kind === "drop")
      throw new TypeError("fetch failed (mock: connection dropped after the request was applied)");
    return response;
  };

  return {
    url: "http://botwire.mock",
    fetch: (input, init) => handle(new Request(input, init)),
    handle,
    listen: () => listenOnNode(handle),
    requests,
    faults,
    reset() {
      data.reset();
      faults.clear();
      requests.length = 0;
    },
  };
}

function faultResponse(fault: { status: number; code?: string; retryAfter?: number }): Response {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  if (fault.status === 429) {
    Object.assign(headers, {
      "ratelimit-limit": "1000",
      "ratelimit-remaining": "0",
      "ratelimit-reset": String(fault.retryAfter ?? 0),
    });
  }
  if (fault.code === undefined) {
    // A status the protocol has no code for comes from a proxy: plain text, not JSON.
    headers["content-type"] = "text/plain";
    return new Response(`HTTP ${fault.status} (injected by the mock server)`, {
      status: fault.status,
      headers,
    });
  }
  headers["content-type"] = "application/json";
  const body = {
    error: { code: fault.code, message: `Injected by the mock server (HTTP ${fault.status}).` },
  };
  return new Response(JSON.stringify(body), { status: fault.status, headers });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function listenOnNode(handle: (request: Request) => Promise<Response>) {
  // Imported on demand so the module still loads where node:http does not exist.
  const { createServer } = await import("node:http");
  const server = createServer(async (req, res) => {
    // The client hanging up aborts the request, as on a real server: latency stops waiting.
    const hangUp = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) hangUp.abort();
    });
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const headers = Object.entries(req.headers).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, String(value)] as [string, string]],
      );
      const response = await handle(
        new Request(`http://${req.headers.host}${req.url}`, {
          method: req.method,
          headers,
          body,
          signal: hangUp.signal,
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      // A network or drop fault (or a hang-up): the connection ends without an answer.
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
