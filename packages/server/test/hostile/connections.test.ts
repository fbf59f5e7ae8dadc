import { describe, expect, it } from "vitest";
import { ENGINES, hostileServers, rawExchange, send } from "./hostile-server.js";

const put = (path: string, body: string, extra = "") =>
  `PUT ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nhost: x\r\n${extra}\r\n`;
const statuses = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);

describe.each(ENGINES)("connections on %s", (engine) => {
  const start = hostileServers();

  // Node hands pipelined requests to the handler at once: the GET used to read before the PUT
  // had written (404).
  it("serves requests pipelined on one connection in order: a GET sees the PUT before it", async () => {
    const server = await start(engine);
    for (let i = 0; i < 10; i++) {
      const path = `/v1/namespaces/pipe/keys/k${i}`;
      const text = await rawExchange(server, [
        put(path, JSON.stringify({ value: i })) +
          put(path, JSON.stringify({ value: i + 100 })) +
          get(path, "connection: close\r\n"),
      ]);
      expect(statuses(text), text).toEqual(["201", "200", "200"]);
      expect(text.slice(text.lastIndexOf("\r\n\r\n"))).toContain(`"value":${i + 100}`);
    }
  });
});

describe("a client that hangs up mid-request", () => {
  const start = hostileServers();

  it("is logged at debug, never as an unexpected error, and the server keeps serving", async () => {
    const server = await start("sqlite", ["--log-level", "debug"]);
    const headers = "content-type: application/json\r\n";
    for (const framing of ["content-length: 1000\r\n", "transfer-encoding: chunked\r\n"]) {
      const start = `PUT /v1/namespaces/n/keys/k HTTP/1.1\r\nhost: x\r\n${headers}${framing}\r\n`;
      const body = framing.startsWith("content") ? '{"value":' : '9\r\n{"value":';
      await rawExchange(server, [start, body], { pauseMs: 100, hangUp: true });
    }
    const s = server;
    await expect.poll(() => s.output().match(/closed the connection/g)?.length ?? 0).toBe(2);
    expect(s.output()).not.toMatch(/unexpected error/);
    expect(s.output()).not.toMatch(/"level":50/);
    expect((await send(s, "GET", "/v1/namespaces/n/keys/k")).status).toBe(404);
  });
});
