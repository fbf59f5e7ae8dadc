import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler } from "../../src/http/create-handler.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";

// A throwaway PostgreSQL cluster of our own, so stopping it disturbs no other test. initdb
// refuses to run as root, so the cluster runs as the machine's `postgres` user (CI is root).
const bin = join("/usr/lib/postgresql", readdirSync("/usr/lib/postgresql")[0] ?? "", "bin");
const dir = mkdtempSync(join(tmpdir(), "botwire-pg-"));
const asPostgres = (tool: string, args: string[]) =>
  execFileSync("runuser", ["-u", "postgres", "--", join(bin, tool), ...args], { stdio: "pipe" });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("PostgreSQL restart", () => {
  let port: number;
  let store: PostgresStore;
  const start = () =>
    asPostgres("pg_ctl", [
      "-D",
      join(dir, "data"),
      "-l",
      join(dir, "log"),
      "-w",
      "start",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
  const stop = () => asPostgres("pg_ctl", ["-D", join(dir, "data"), "-m", "fast", "-w", "stop"]);

  beforeAll(async () => {
    chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), 0);
    asPostgres("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres"]);
    port = await freePort();
    start();
    store = await PostgresStore.open({
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      connectTimeoutMs: 1000,
    });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    try {
      stop();
    } catch {
      // Already stopped by a failed test.
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers 503 store_unavailable during the outage and recovers without a restart", async () => {
    const handler = createHandler(store);
    const call = (method: string, path: string, body?: unknown) =>
      handler(
        new Request(`http://local${path}`, {
          method,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    expect((await call("PUT", "/v1/namespaces/r/keys/before", { value: "kept" })).status).toBe(201);

    stop();
    const during = await call("GET", "/v1/namespaces/r/keys/before");
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("1");
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe(
      "store_unavailable",
    );
    expect((await call("GET", "/readyz")).status).toBe(503);

    start();
    let recovered = 0;
    for (let attempt = 0; attempt < 50 && recovered !== 200; attempt++) {
      recovered = (await call("GET", "/v1/namespaces/r/keys/before")).status;
      if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe(200);
    expect((await call("PUT", "/v1/namespaces/r/keys/after", { value: 1 })).status).toBe(201);
    expect((await call("GET", "/readyz")).status).toBe(200);
  }, 60_000);
});
