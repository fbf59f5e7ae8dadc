import { afterEach, describe, expect, it } from "vitest";
import { type TcpProxy, tcpProxy } from "../store-postgres/tcp-proxy.js";
import { call, type Reply, useServers } from "./fault-harness.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectUnavailable(reply: Reply): void {
  expect(reply.status).toBe(503);
  expect(reply.headers.get("retry-after")).toBe("1");
  expect(reply.body.error.code).toBe("store_unavailable");
}

// Two replicas reach PostgreSQL through a proxy that can drop every packet (a partition).
describe("server processes on PostgreSQL during a network partition", () => {
  const servers = useServers();
  const proxies: TcpProxy[] = [];
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.cut();
  });

  it("answer 503 store_unavailable within seconds, then recover by themselves", async () => {
    const proxy = tcpProxy();
    proxies.push(proxy);
    await proxy.start();
    const db = await servers.database("postgres", proxy.url);
    const timeouts = ["--statement-timeout", "1000", "--connect-timeout", "1000"];
    const processes = await servers.start(db, timeouts, 2);
    const replicas = processes.map((s) => s.url);
    for (const [i, base] of replicas.entries()) {
      expect((await call(base, "PUT", `/v1/namespaces/ns/keys/k${i}`, { value: i })).status).toBe(
        201,
      );
    }

    proxy.blackHole();
    const started = Date.now();
    const inFlight = replicas.flatMap((base) => [
      call(base, "GET", "/readyz"),
      call(base, "GET", "/v1/namespaces/ns/keys/k0"),
      call(base, "PUT", "/v1/namespaces/ns/keys/lost", { value: 1 }),
      call(base, "POST", "/v1/namespaces/ns/lists/chat", { items: [1] }),
      call(base, "POST", "/v1/namespaces/ns/batch", { ops: [{ op: "set", key: "b", value: 1 }] }),
    ]);
    for (const reply of await Promise.all(inFlight)) expectUnavailable(reply);
    // Liveness does not depend on the database: the process is fine, the network is not.
    expect((await call(replicas[0] as string, "GET", "/healthz")).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(20_000);

    proxy.heal();
    for (const base of replicas) {
      let ready = await call(base, "GET", "/readyz");
      for (let tries = 0; ready.status !== 200 && tries < 50; tries++) {
        await sleep(200);
        ready = await call(base, "GET", "/readyz");
      }
      expect(ready.status).toBe(200);
    }
    const [a, b] = replicas as [string, string];
    expect((await call(a, "PUT", "/v1/namespaces/ns/keys/after", { value: "healed" })).status).toBe(
      201,
    );
    expect((await call(b, "GET", "/v1/namespaces/ns/keys/after")).body.value).toBe("healed");
    expect((await call(b, "GET", "/v1/namespaces/ns/keys/k1")).body.value).toBe(1);
    // Nothing is left hanging from the partition: each replica still shuts down cleanly.
    for (const server of processes) {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain("database closed cleanly");
    }
  });
});
