import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Which way the client tests reach the mock: "in-process" (its `fetch`, the default), or over
 * real HTTP with the default Node transport ("node-http") or the global fetch ("fetch").
 * `transport-matrix.test.ts` runs the client tests once per HTTP transport.
 */
export const TEST_TRANSPORT = (process.env.BOTWIRE_TEST_TRANSPORT ?? "in-process") as
  | "in-process"
  | "node-http"
  | "fetch";

type Handler = (request: Request) => Promise<Response>;

const handlers = new Map<string, Handler>();
// Started when the module loads (top-level await), so `bridgeUrl` can stay synchronous.
const port = TEST_TRANSPORT === "in-process" ? undefined : await listen();

/**
 * A base URL on one shared loopback server whose requests `handler` serves: `/<id>/v1/...`
 * reaches it as `/v1/...`. The server is unref'd and never keeps the test process alive.
 */
export function bridgeUrl(handler: Handler): string {
  if (port === undefined) throw new Error("set BOTWIRE_TEST_TRANSPORT to use the HTTP bridge");
  const id = `m${handlers.size}`;
  handlers.set(id, handler);
  return `http://127.0.0.1:${port}/${id}`;
}

async function listen(): Promise<number> {
  const created = createServer(async (req, res) => {
    // A client hanging up aborts the request, as on a real server: latency stops waiting.
    const hangUp = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) hangUp.abort();
    });
    try {
      const [, id, ...rest] = (req.url ?? "/").split("/");
      const handler = handlers.get(id ?? "");
      if (!handler) throw new Error(`no mock at ${req.url}`);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = Object.entries(req.headers).map(([name, value]) => [name, String(value)]);
      const response = await handler(
        new Request(`http://botwire.mock/${rest.join("/")}`, {
          method: req.method,
          headers: headers as [string, string][],
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
          signal: hangUp.signal,
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      // A network or drop fault: the connection ends without an answer (a hang-up).
      req.socket.destroy();
    }
  });
  await new Promise<void>((resolve) => created.listen(0, "127.0.0.1", resolve));
  created.unref();
  return (created.address() as AddressInfo).port;
}
