import { connect, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHandler } from "../../src/http/create-handler.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { StoreUnavailableError } from "../../src/store/store-errors.js";
import { TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { T0, usePostgresStores } from "./postgres-harness.js";

const target = new URL(TEST_POSTGRES_URL);

/**
 * A TCP proxy in front of the shared PostgreSQL: cutting it looks like a database outage to
 * the store, without stopping the database other tests use.
 */
function tcpProxy(mode: "forward" | "black-hole" = "forward") {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  return {
    get url() {
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async start() {
      server = createServer((client) => {
        track(client);
        if (mode === "black-hole") return;
        const upstream = connect(Number(target.port || 5432), target.hostname);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      await new Promise<void>((resolve) => server?.listen(port, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
    },
    async cut() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server?.close(resolve));
    },
  };
}

const unavailable = async (call: Promise<unknown>) =>
  expect(
    await call.then(
      () => "resolved",
      (e: unknown) => e,
    ),
  ).toBeInstanceOf(StoreUnavailableError);

describe("PostgresStore when the database cannot be reached", () => {
  const pg = usePostgresStores();
  const proxies: ReturnType<typeof tcpProxy>[] = [];
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.cut().catch(() => {});
  });

  it("fails to open with StoreUnavailableError when nothing listens", async () => {
    await unavailable(
      PostgresStore.open({
        connectionString: "postgres://postgres@127.0.0.1:1/test",
        schema: pg.schema(),
        connectTimeoutMs: 1000,
      }),
    );
  });

  it("fails with StoreUnavailableError when connecting times out", async () => {
    const proxy = tcpProxy("black-hole");
    proxies.push(proxy);
    await proxy.start();
    const started = Date.now();
    await unavailable(
      PostgresStore.open({
        connectionString: proxy.url,
        schema: pg.schema(),
        connectTimeoutMs: 300,
      }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("answers every call with StoreUnavailableError during an outage, then recovers", async () => {
    const proxy = tcpProxy();
    proxies.push(proxy);
    await proxy.start();
    const schema = pg.schema();
    const store = await pg.open(schema, { connectionString: proxy.url, connectTimeoutMs: 1000 });
    // Fill the pool with open connections, so the outage breaks idle and in-use ones alike.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.append("ns", "l", { items: [`${i}`] }, T0)),
    );

    await proxy.cut();
    await unavailable(store.ping());
    await unavailable(store.get("ns", "l", T0));
    await unavailable(store.put("ns", "k", { value: "1", expiresAt: null }, T0));
    await unavailable(store.append("ns", "l", { items: ["x"] }, T0));
    const during = await createHandler(store)(new Request("http://local/readyz"));
    expect(during.status).toBe(503);

    await proxy.start();
    await store.ping();
    expect((await store.append("ns", "l", { items: ["after"] }, T0)).lastSeq).toBe(9);
    expect((await store.range("ns", "l", { last: 1 }, T0))?.items).toEqual([
      { seq: 9, value: "after" },
    ]);
  });
});
