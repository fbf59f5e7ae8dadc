import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHandler } from "../../src/http/create-handler.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { StoreUnavailableError } from "../../src/store/store-errors.js";

const T0 = 1_700_000_000_000;
const write = (value: string) => ({ value, expiresAt: null });

/** Settles to "pending" unless `promise` has already settled. */
const stateOf = (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => "fulfilled",
      () => "rejected",
    ),
    new Promise((resolve) => setImmediate(() => resolve("pending"))),
  ]);

// Another connection (another process, a backup tool) holding the file's write lock.
describe("SqliteStore while another connection holds the write lock", () => {
  let directory: string;
  let path: string;
  let holder: Database.Database;
  const stores: SqliteStore[] = [];
  const open = (lockTimeoutMs: number) => {
    const store = new SqliteStore({ path, lockTimeoutMs });
    stores.push(store);
    return store;
  };
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "botwire-lock-"));
    path = join(directory, "data.db");
    open(1000);
    holder = new Database(path);
  });
  afterEach(async () => {
    holder.close();
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await rm(directory, { recursive: true, force: true });
  });

  it("keeps serving health checks and reads while a write waits, then writes", async () => {
    const store = open(10_000);
    await store.put("ns", "k", write('"before"'), T0);
    const handler = createHandler(store);
    holder.exec("BEGIN IMMEDIATE");
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();

    const waiting = store.put("ns", "k", write('"after"'), T0);
    const healthz = await handler(new Request("http://local/healthz"));
    const readyz = await handler(new Request("http://local/readyz"));
    expect([healthz.status, readyz.status]).toEqual([200, 200]);
    expect((await store.get("ns", "k", T0))?.value).toBe('"before"');
    const read = await handler(new Request("http://local/v1/namespaces/ns/keys/k"));
    expect(await read.json()).toMatchObject({ value: "before" });
    expect(await stateOf(waiting)).toBe("pending");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stateOf(waiting)).toBe("pending");
    loop.disable();
    // Waiting in SQLite's busy handler would have stalled the loop for whole seconds.
    expect(loop.max / 1e6).toBeLessThan(2000);

    holder.exec("COMMIT");
    expect((await waiting).created).toBe(false);
    expect((await store.get("ns", "k", T0))?.value).toBe('"after"');
  });

  it("gives up after lockTimeoutMs with StoreUnavailableError (503 over HTTP)", async () => {
    const store = open(300);
    holder.exec("BEGIN IMMEDIATE");
    const refused = await store.put("ns", "k", write("1"), T0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    const response = await createHandler(store)(
      new Request("http://local/v1/namespaces/ns/keys/k", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: '{"value":1}',
      }),
    );
    expect([response.status, response.headers.get("retry-after")]).toEqual([503, "1"]);
    expect(await response.json()).toMatchObject({ error: { code: "store_unavailable" } });
    holder.exec("ROLLBACK");
    expect((await store.put("ns", "k", write("2"), T0)).created).toBe(true);
  });
});
