import { describe, expect, it } from "vitest";
import {
  bytesHeld,
  call,
  ENGINES,
  putWithLateBody,
  sized,
  storedItems,
  useServers,
} from "./fault-harness.js";

const NS = "/v1/namespaces/cap";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Quotas against real server processes: two replicas on PostgreSQL, where the cap is shared.
describe.each(ENGINES)("quotas on %s", (engine) => {
  const servers = useServers();
  const replicas = engine === "postgres" ? 2 : 1;

  it("holds the storage cap against big batches, big appends and bodies sent late", async () => {
    const db = await servers.database(engine);
    const group = await servers.start(db, ["--storage-quota", "10000"], replicas);
    const urls = group.map((s) => s.url);
    const base = urls[0] as string;
    const ops = Array.from({ length: 14 }, (_, i) => ({
      op: "set",
      key: `b${i}`,
      value: sized(1000),
    }));
    const batch = await call(base, "POST", `${NS}/batch`, { ops });
    expect([batch.status, batch.body.error?.quota]).toEqual([429, "storage"]);
    const items = Array.from({ length: 15 }, () => sized(1000));
    const append = await call(base, "POST", `${NS}/lists/chat`, { items });
    expect([append.status, append.body.error?.quota]).toEqual([429, "storage"]);
    expect(await bytesHeld(base, "cap")).toBe(0);

    // Every request passes the header checks first; the bodies arrive together afterwards.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const puts = Array.from({ length: 40 }, (_, i) =>
      putWithLateBody(
        urls[i % urls.length] as string,
        `${NS}/keys/k${i}`,
        { value: sized(1000) },
        gate,
      ),
    );
    await sleep(300);
    release();
    const statuses = await Promise.all(puts);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    expect(await bytesHeld(base, "cap")).toBe(10_000);

    // Over a lower cap (another server on the same data), deletes still pass, batched or not.
    const [strict] = await servers.start(db, ["--storage-quota", "5000"]);
    const over = strict?.url as string;
    expect((await call(over, "PUT", `${NS}/keys/new`, { value: 1 })).status).toBe(429);
    const deletes = [0, 1, 2, 3].map((i) => ({ op: "delete", key: `k${i}` }));
    const freed = await call(over, "POST", `${NS}/batch`, { ops: deletes });
    expect(freed.status).toBe(200);
    const present = (await call(base, "GET", `${NS}/keys?limit=100`)).body.items.map(
      (k: { key: string }) => k.key,
    );
    const first = present[0] as string;
    expect((await call(over, "DELETE", `${NS}/keys/${first}`)).status).toBe(204);
  });

  it("counts neither expired keys nor items trimmed by maxLength", async () => {
    const db = await servers.database(engine);
    const group = await servers.start(db, ["--storage-quota", "10000"], replicas);
    const base = group[0]?.url as string;
    const last = group.at(-1)?.url as string;
    expect((await call(base, "PUT", `${NS}/keys/old`, { value: sized(9000), ttl: 1 })).status).toBe(
      201,
    );
    for (let i = 0; i < 3; i++) {
      const items = Array.from({ length: 3 }, () => sized(300));
      expect((await call(base, "POST", `${NS}/lists/l`, { items, maxLength: 2 })).status).toBe(200);
    }
    await sleep(1100);
    // 9000 expired + 600 in the list (900 appended and trimmed twice over): 9400 fits.
    expect((await call(last, "PUT", `${NS}/keys/new`, { value: sized(9400) })).status).toBe(201);
    expect(await bytesHeld(last, "cap")).toBe(10_000);
    expect((await call(last, "PUT", `${NS}/keys/one`, { value: 1 })).status).toBe(429);
  });

  it("refuses a batch larger than the whole daily write quota, even as the first write", async () => {
    const db = await servers.database(engine);
    const group = await servers.start(db, ["--write-quota", "3"], replicas);
    const urls = group.map((s) => s.url);
    const ops = Array.from({ length: 4 }, (_, i) => ({ op: "set", key: `k${i}`, value: i }));
    const batch = await call(urls[0] as string, "POST", `${NS}/batch`, { ops });
    expect([batch.status, batch.body.error?.quota]).toEqual([429, "writes"]);
    for (const [i, url] of [0, 1, 2].map((i) => [i, urls[i % urls.length]] as const)) {
      expect((await call(url as string, "PUT", `${NS}/keys/k${i}`, { value: i })).status).toBe(201);
    }
    const over = await call(urls.at(-1) as string, "PUT", `${NS}/keys/k9`, { value: 9 });
    expect([over.status, over.body.error?.quota]).toEqual([429, "writes"]);
  });

  it("sweeps an expired list with its items, so the key starts over", async () => {
    const db = await servers.database(engine);
    const [server] = await servers.start(db, ["--sweep-interval", "1"]);
    const base = server?.url as string;
    const first = await call(base, "POST", `${NS}/lists/l`, { items: [1, 2, 3], ttl: 1 });
    expect(first.status).toBe(200);
    expect(await storedItems(db)).toBe(3);
    for (let waited = 0; (await storedItems(db)) > 0 && waited < 10_000; waited += 200) {
      await sleep(200);
    }
    // The sweeper, not an append, removed the items along with the list.
    expect(await storedItems(db)).toBe(0);
    const again = await call(base, "POST", `${NS}/lists/l`, { items: [4] });
    expect([again.status, again.body.firstSeq, again.body.length]).toEqual([200, 1, 1]);
  });
});
