import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler } from "../../src/http/create-handler.js";
import { type ServerHandle, serve } from "../../src/node/serve.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { startSweeper } from "../../src/sweeper.js";

/** A raw HTTP request, so paths reach the server exactly as written (no URL normalisation). */
function rawRequest(url: string, method: string, path: string, body?: string | Buffer) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const headers = { "content-type": "application/json" };
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("node mount over real HTTP", () => {
  const store = new SqliteStore({ path: ":memory:" });
  let server: ServerHandle;
  beforeAll(async () => {
    server = await serve(createHandler(store), { port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it("keeps all 200 parallel appends, each request's items together and in order", async () => {
    const url = `${server.url}/v1/namespaces/load/lists/chat`;
    await Promise.all(
      Array.from({ length: 200 }, (_, r) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ items: [`${r}:a`, `${r}:b`] }),
        }).then((res) => expect(res.status).toBe(200)),
      ),
    );
    const { items, length } = (await (await fetch(url)).json()) as {
      items: { seq: number; value: string }[];
      length: number;
    };
    expect(length).toBe(400);
    expect(items.map((i: { seq: number }) => i.seq)).toEqual(
      items.map((_: unknown, i: number) => i + 1),
    );
    const requests = new Set<string>();
    for (let i = 0; i < items.length; i += 2) {
      const pair = [items[i]?.value, items[i + 1]?.value];
      const r = String(pair[0]).split(":")[0];
      expect(pair).toEqual([`${r}:a`, `${r}:b`]);
      requests.add(String(r));
    }
    expect(requests.size).toBe(200);
  });

  it("refuses dot segments instead of letting URL parsing rewrite the route", async () => {
    await rawRequest(server.url, "PUT", "/v1/namespaces/safe/keys/k", '{"value":1}');
    for (const path of [
      "/v1/namespaces/safe/keys/%2E%2E",
      "/v1/namespaces/safe/keys/..",
      "/v1/namespaces/safe/keys/%2e",
      "/v1/namespaces/safe/lists/.%2E",
      "/v1/namespaces/../keys/k",
    ]) {
      const result = await rawRequest(server.url, "DELETE", path);
      expect(result.status, path).toBe(400);
      expect(JSON.parse(result.body).error.code).toMatch(/^invalid_(key|namespace)$/);
    }
    expect((await rawRequest(server.url, "GET", "/v1/namespaces/safe/keys/k")).status).toBe(200);
  });

  it("refuses a 100 MB body early, without reading it all", async () => {
    const started = Date.now();
    const result = await new Promise<number>((resolve) => {
      const req = httpRequest(`${server.url}/v1/namespaces/big/lists/l`, {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", () => {});
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 100 && !req.destroyed) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    expect(result).toBe(413);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("cuts off a body that never finishes, and stays up", async () => {
    const store2 = new SqliteStore({ path: ":memory:" });
    const strict = await serve(createHandler(store2), { port: 0, requestTimeoutMs: 500 });
    const { port } = new URL(strict.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(
          'PUT /v1/namespaces/slow/keys/k HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"value":',
        );
      });
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk;
      });
      socket.on("close", () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await fetch(`${strict.url}/v1/namespaces/slow/keys/k`)).status).toBe(404);
    await strict.close();
    await store2.close();
  });

  it("lets an in-flight request finish when closing", async () => {
    const slowStore = new SqliteStore({ path: ":memory:" });
    const handler = createHandler(slowStore);
    const slow = await serve(
      async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return handler(request);
      },
      { port: 0 },
    );
    const inFlight = fetch(`${slow.url}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const closed = slow.close();
    expect((await inFlight).status).toBe(200);
    await closed;
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(`${slow.url}/healthz`)).rejects.toThrow();
    await slowStore.close();
  });
});

describe("sweeper", () => {
  it("deletes expired entries in batches and leaves live ones", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    let now = 1_000_000;
    for (let i = 0; i < 25; i++)
      await store.put("ns", `k${i}`, { value: "1", expiresAt: now + 10 }, now);
    await store.put("ns", "live", { value: "1", expiresAt: null }, now);
    const sweeper = startSweeper(store, { batchSize: 10, intervalMs: 60_000, now: () => now });
    expect(await sweeper.sweep()).toBe(0);
    now += 10;
    expect(await sweeper.sweep()).toBe(25);
    expect((await store.stats(0)).totalEntries).toBe(1);
    await sweeper.stop();
    await store.close();
  });
});
