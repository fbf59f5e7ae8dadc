import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerProcess } from "../../src/testing/index.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { ensureBuilt, startCli } from "../cli/cli-process.js";
import { inconsistencies, sql } from "./postgres-harness.js";

// Two stateless server processes on one PostgreSQL database, as behind a load balancer.
describe("scale-out: two replicas on one PostgreSQL", () => {
  const schema = randomSchema();
  const replicas: ServerProcess[] = [];
  beforeAll(async () => {
    ensureBuilt();
    const db = `${TEST_POSTGRES_URL}?schema=${schema}`;
    replicas.push(...(await Promise.all([startCli(["--db", db]), startCli(["--db", db])])));
  }, 120_000);
  afterAll(async () => {
    for (const replica of replicas) replica.child.kill("SIGTERM");
    await Promise.all(replicas.map((r) => r.exited));
    await dropSchema(schema);
  });

  it("keeps every item of 64 concurrent appenders exactly once, in a consistent order", async () => {
    const appendsPerWriter = 5;
    await Promise.all(
      Array.from({ length: 64 }, async (_, writer) => {
        const url = `${replicas[writer % 2]?.url}/v1/namespaces/scale/lists/chat`;
        for (let n = 0; n < appendsPerWriter; n++) {
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ items: [`${writer}.${n}.a`, `${writer}.${n}.b`] }),
          });
          expect(response.status).toBe(200);
        }
      }),
    );
    const reads = await Promise.all(
      replicas.map(async (r) => (await fetch(`${r.url}/v1/namespaces/scale/lists/chat`)).json()),
    );
    const [viaA, viaB] = reads as { items: { seq: number; value: string }[]; length: number }[];
    expect(viaA).toEqual(viaB);
    const items = viaA?.items ?? [];
    expect(items).toHaveLength(64 * appendsPerWriter * 2);
    expect(new Set(items.map((i) => i.value)).size).toBe(items.length);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    // The items are in PostgreSQL (a stale build would have opened a SQLite file instead).
    const stored = await sql(`SELECT count(*)::int AS n FROM ${schema}.list_items`);
    expect(stored.rows).toEqual([{ n: items.length }]);
    expect(await inconsistencies(schema)).toEqual([]);
    const lastSeen = new Map<string, number>();
    for (let i = 0; i < items.length; i += 2) {
      const [writer, n] = (items[i]?.value ?? "").split(".");
      expect(items[i + 1]?.value).toBe(`${writer}.${n}.b`);
      // Each writer's appends land in the order it sent them.
      expect(Number(n)).toBe((lastSeen.get(writer ?? "") ?? -1) + 1);
      lastSeen.set(writer ?? "", Number(n));
    }
  });

  it("shares values, versions and preconditions across replicas", async () => {
    const [a, b] = replicas.map((r) => `${r?.url}/v1/namespaces/scale/keys/doc`);
    const put = (url: string | undefined, value: unknown, headers: Record<string, string> = {}) =>
      fetch(url ?? "", {
        method: "PUT",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ value }),
      });
    const created = (await (await put(a, 1)).json()) as { version: number };
    expect((await put(b, 2, { "if-match": `"${created.version}"` })).status).toBe(200);
    expect((await put(a, 3, { "if-match": `"${created.version}"` })).status).toBe(412);
    expect(((await (await fetch(a ?? "")).json()) as { value: unknown }).value).toBe(2);
  });
});
