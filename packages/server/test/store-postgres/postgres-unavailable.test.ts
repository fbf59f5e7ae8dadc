import { afterEach, describe, expect, it } from "vitest";
import { createHandler } from "../../src/http/create-handler.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { StoreUnavailableError } from "../../src/store/store-errors.js";
import { T0, usePostgresStores } from "./postgres-harness.js";
import { type TcpProxy, tcpProxy } from "./tcp-proxy.js";

const unavailable = async (call: Promise<unknown>) =>
  expect(
    await call.then(
      () => "resolved",
      (e: unknown) => e,
    ),
  ).toBeInstanceOf(StoreUnavailableError);

describe("PostgresStore when the database cannot be reached", () => {
  const pg = usePostgresStores();
  const proxies: TcpProxy[] = [];
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
    const proxy = tcpProxy();
    proxies.push(proxy);
    proxy.blackHole();
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

  it("answers within seconds while the network drops packets, then heals by itself", async () => {
    const proxy = tcpProxy();
    proxies.push(proxy);
    await proxy.start();
    const schema = pg.schema();
    const timeouts = { connectTimeoutMs: 500, statementTimeoutMs: 500 };
    const replicas = [
      await pg.open(schema, { connectionString: proxy.url, ...timeouts }),
      await pg.open(schema, { connectionString: proxy.url, ...timeouts }),
    ];
    for (const [i, replica] of replicas.entries()) {
      await replica.append("ns", "l", { items: [`${i}`] }, T0);
    }

    proxy.blackHole();
    const started = Date.now();
    for (const replica of replicas) {
      // In flight on pooled connections, and on new ones the pool opens meanwhile.
      await Promise.all([
        unavailable(replica.ping()),
        unavailable(replica.get("ns", "l", T0)),
        unavailable(replica.append("ns", "l", { items: ["lost"] }, T0)),
        ...Array.from({ length: 6 }, (_, i) =>
          unavailable(replica.put("ns", `k${i}`, { value: "1", expiresAt: null }, T0)),
        ),
      ]);
    }
    const readyz = await createHandler(replicas[0] as PostgresStore)(
      new Request("http://local/readyz"),
    );
    expect([readyz.status, readyz.headers.get("retry-after")]).toEqual([503, "1"]);
    // Bounded by the timeouts (about 1.5 s per wave), not by TCP's minutes.
    expect(Date.now() - started).toBeLessThan(15_000);

    proxy.heal();
    for (const replica of replicas) await replica.ping();
    const after = await replicas[1]?.append("ns", "l", { items: ["after"] }, T0);
    expect(after?.length).toBe(3);
    expect(
      (await replicas[0]?.range("ns", "l", { last: 9 }, T0))?.items.map((i) => i.value),
    ).toEqual(["0", "1", "after"]);
  });
});
