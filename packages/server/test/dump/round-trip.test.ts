import { describe, expect, it } from "vitest";
import { importDump } from "../../src/dump/import-dump.js";
import type { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { dumpText, T0, textStream, useDumpStores } from "./dump-stores.js";

/** Every kind of content a dump carries, written through the store as the server would. */
async function fill(store: SqliteStore | PostgresStore): Promise<void> {
  await store.put("app", "plain", { value: '"hello"', expiresAt: null }, T0 - 5000);
  await store.put(
    "app",
    "doc",
    { value: '{"a":[1,2.5,null],"é":"✓ 🎉"}', expiresAt: T0 + 60_000 },
    T0 - 4000,
  );
  await store.put(
    "app",
    "doc",
    { value: '{"a":[1,2.5,null],"é":"✓ 🎉","v":2}', expiresAt: T0 + 60_000 },
    T0 - 3000,
  );
  await store.put("app", "clé 🔑", { value: "42", expiresAt: null }, T0 - 3000);
  await store.put("app", "gone", { value: "1", expiresAt: T0 - 1 }, T0 - 3000);
  // A trimmed list: its seqs start above 1, and the dump must keep them.
  await store.append(
    "app",
    "chat",
    { items: ['{"role":"user","content":"a"}', '"b"', '"c"'] },
    T0 - 2000,
  );
  await store.append(
    "app",
    "chat",
    { items: ['"d"', "[1]"], maxLength: 3, expiresAt: T0 + 90_000 },
    T0 - 1000,
  );
  await store.append("app", "empty-after-replace", { items: ['"x"'] }, T0 - 1000);
  await store.replaceList("app", "empty-after-replace", { items: [], expiresAt: null }, T0 - 900);
  await store.put("other:ns", "k", { value: "true", expiresAt: null }, T0 - 800);
}

describe("dump round trip", () => {
  const open = useDumpStores();

  it("SQLite → file → PostgreSQL → file is byte-identical: values, versions, times, expiry, items and seqs", async () => {
    const sqlite = await open("sqlite");
    await fill(sqlite);
    const first = await dumpText(sqlite);
    const postgres = await open("postgres");
    const counts = await importDump(postgres, textStream(first), { now: T0 });
    expect(counts).toEqual({ entries: 6, items: 3, expired: 0 });
    const second = await dumpText(postgres);
    expect(second).toBe(first);
    // And back again, PostgreSQL → SQLite.
    const sqliteAgain = await open("sqlite");
    await importDump(sqliteAgain, textStream(second), { now: T0 });
    expect(await dumpText(sqliteAgain)).toBe(first);

    const lines = first
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ botwire: "dump", version: 1 });
    expect(lines.at(-1)).toEqual({ type: "end", entries: 6, items: 3 });
    expect(lines.map((l) => l.key ?? l.seq ?? l.type)).toEqual([
      undefined,
      "chat",
      3,
      4,
      5,
      "clé 🔑",
      "doc",
      "empty-after-replace",
      "plain",
      "k",
      "end",
    ]);
    const chat = await postgres.range("app", "chat", { after: 0, limit: 10 }, T0);
    expect(chat?.items).toEqual([
      { seq: 3, value: '"c"' },
      { seq: 4, value: '"d"' },
      { seq: 5, value: "[1]" },
    ]);
    const doc = await postgres.get("app", "doc", T0);
    expect(doc).toMatchObject({
      createdAt: T0 - 4000,
      updatedAt: T0 - 3000,
      expiresAt: T0 + 60_000,
    });
    // The imported versions are kept, and new writes go on above them (never reusing one).
    const original = await sqlite.get("app", "doc", T0);
    expect(doc?.version).toBe(original?.version);
    const next = await postgres.put("app", "new", { value: "1", expiresAt: null }, T0);
    expect(next.version).toBeGreaterThan(Math.max(...lines.map((l) => l.version ?? 0)));
    const appended = await postgres.append("app", "chat", { items: ['"e"'] }, T0);
    expect(appended).toMatchObject({ firstSeq: 6, length: 4 });
  });

  it("skips entries that expired between export and import, items and all", async () => {
    const sqlite = await open("sqlite");
    await fill(sqlite);
    const dump = await dumpText(sqlite);
    const later = await open("sqlite");
    const counts = await importDump(later, textStream(dump), { now: T0 + 70_000 });
    expect(counts).toEqual({ entries: 5, items: 3, expired: 1 });
    const afterChat = await open("sqlite");
    expect(await importDump(afterChat, textStream(dump), { now: T0 + 100_000 })).toEqual({
      entries: 4,
      items: 0,
      expired: 2,
    });
    expect(await afterChat.get("app", "chat", T0 + 100_000)).toBeUndefined();
  });

  it.each(["sqlite", "postgres"] as const)(
    "reads one snapshot on %s: writes made while the export runs are not in it",
    async (engine) => {
      const store = await open(engine);
      // More than a page, so the export reads again after the writes below.
      for (let i = 0; i < 300; i++) {
        await store.put(
          "app",
          `k${String(i).padStart(3, "0")}`,
          { value: "0", expiresAt: null },
          T0,
        );
      }
      const seen: string[] = [];
      let wrote = false;
      await store.dump(
        { now: T0 },
        {
          entry: async (entry) => {
            seen.push(`${entry.key}=${entry.value}`);
            if (wrote) return;
            wrote = true;
            await store.put("app", "k299", { value: "1", expiresAt: null }, T0);
            await store.put("app", "k300", { value: "1", expiresAt: null }, T0);
          },
          item: () => {},
        },
      );
      expect(seen).toHaveLength(300);
      expect(seen.at(-1)).toBe("k299=0");
    },
  );

  it("--ns keeps only the namespaces a pattern matches", async () => {
    const sqlite = await open("sqlite");
    await fill(sqlite);
    const dump = await dumpText(sqlite, T0, ["other:*"]);
    expect(
      dump
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => JSON.parse(l).ns),
    ).toEqual(["other:ns", undefined]);
  });
});
