import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vitest from "vitest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasRecency } from "../../src/store/has-recency.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { recencySuite, storeBehaviourSuite } from "../../src/testing/index.js";
import { engines } from "./engines.js";
import { MemoryEngine } from "./memory-engine.js";

const NS = "ns";
const T0 = 1_700_000_000_000;
const put = (store: Store, key: string, value: unknown) =>
  store.put(NS, key, { value: JSON.stringify(value), expiresAt: null }, T0);

for (const [name, open] of Object.entries(engines)) {
  storeBehaviourSuite(vitest, name, open);
  recencySuite(vitest, name, async () => {
    const { store, dispose } = await open();
    if (!hasRecency(store)) throw new Error(`${name} lost its RecencyStore part`);
    return { store, dispose };
  });
}

// The third engine of CONTRIBUTING.md's recipe, built from the public exports only.
storeBehaviourSuite(vitest, "MemoryEngine", async () => ({
  store: new MemoryEngine(),
  dispose: async () => {},
}));

describe("SqliteStore on a file", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "botwire-sqlite-"));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("creates the directory, keeps data across reopen, and bounds the WAL", async () => {
    const path = join(directory, "nested", "data.db");
    const first = new SqliteStore({ path });
    for (let i = 0; i < 20_000; i++) await put(first, `k${i % 500}`, { i, pad: "x".repeat(200) });
    await first.append(NS, "chat", { items: ['"hello"'] }, T0);
    const wal = await stat(`${path}-wal`);
    expect(wal.size).toBeLessThan(64 * 1024 * 1024);
    await first.close();
    const second = new SqliteStore({ path });
    expect((await second.get(NS, "k499", T0))?.value).toContain('"i":19999');
    expect((await second.range(NS, "chat", { last: 1 }, T0))?.items[0]?.value).toBe('"hello"');
    const next = await put(second, "fresh", 1);
    expect(next.version).toBeGreaterThan(20_000);
    await second.close();
  });
});
