import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { call, useServers } from "./fault-harness.js";

const KEY = "/v1/namespaces/ns/keys/k";

/** Settles to "pending" unless `promise` has already settled. */
const stateOf = (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => "settled",
      () => "settled",
    ),
    new Promise((resolve) => setTimeout(() => resolve("pending"), 50)),
  ]);

// This test process plays "another process holding the SQLite file's write lock".
describe("a server process on a SQLite file another process has locked", () => {
  const servers = useServers();
  const holders: Database.Database[] = [];
  afterEach(() => {
    for (const holder of holders.splice(0)) holder.close();
  });
  const lock = (db: string) => {
    const holder = new Database(db);
    holders.push(holder);
    holder.exec("BEGIN IMMEDIATE");
    return holder;
  };

  it("answers health checks and reads while a write waits, then writes", async () => {
    const db = await servers.database("sqlite");
    const [server] = await servers.start(db, ["--lock-timeout", "20000"]);
    const base = server?.url as string;
    expect((await call(base, "PUT", KEY, { value: "before" })).status).toBe(201);
    const holder = lock(db);

    const waiting = call(base, "PUT", KEY, { value: "after" });
    expect(await stateOf(waiting)).toBe("pending");
    expect((await call(base, "GET", "/healthz")).status).toBe(200);
    expect((await call(base, "GET", "/readyz")).status).toBe(200);
    expect((await call(base, "GET", KEY)).body.value).toBe("before");
    expect(await stateOf(waiting)).toBe("pending");

    holder.exec("COMMIT");
    expect((await waiting).status).toBe(200);
    expect((await call(base, "GET", KEY)).body.value).toBe("after");
  });

  it("answers 503 store_unavailable after --lock-timeout when the lock is never released", async () => {
    const db = await servers.database("sqlite");
    const [server] = await servers.start(db, ["--lock-timeout", "1000"]);
    const base = server?.url as string;
    const holder = lock(db);
    const refused = await call(base, "PUT", KEY, { value: 1 });
    expect([refused.status, refused.body.error.code]).toEqual([503, "store_unavailable"]);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await call(base, "GET", "/healthz")).status).toBe(200);
    holder.exec("ROLLBACK");
    expect((await call(base, "PUT", KEY, { value: 2 })).status).toBe(201);
  });
});
