import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isPostgresUrl, openStore, redactDb } from "../../src/store/open-store.js";
import { PostgresStore } from "../../src/store/postgres/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { ServerStore as Store } from "../../src/store/store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { sql, T0 } from "./postgres-harness.js";

describe("openStore", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const opened = (store: Store) => {
    cleanups.push(() => store.close());
    return store;
  };

  it("opens a migrated PostgresStore in the schema a postgres:// URL names", async () => {
    const schema = randomSchema();
    cleanups.push(() => dropSchema(schema));
    const url = TEST_POSTGRES_URL.replace(/^postgres:/, "postgresql:");
    const store = opened(await openStore(`${url}?schema=${schema}`, { poolSize: 2 }));
    expect(store).toBeInstanceOf(PostgresStore);
    await store.put("ns", "k", { value: "1", expiresAt: null }, T0);
    const { rows } = await sql(`SELECT key FROM ${schema}.entries`);
    expect(rows).toEqual([{ key: "k" }]);
  });

  it("opens a SqliteStore for anything else, as a file path", async () => {
    const directory = await mkdtemp(join(tmpdir(), "botwire-open-"));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    const path = join(directory, "data.db");
    const store = opened(await openStore(path));
    expect(store).toBeInstanceOf(SqliteStore);
    await store.put("ns", "k", { value: "1", expiresAt: null }, T0);
    expect((await stat(path)).isFile()).toBe(true);
  });

  it("tells URLs from paths and hides passwords in logs", () => {
    expect(isPostgresUrl("POSTGRES://db/x")).toBe(true);
    expect(isPostgresUrl("./postgres/data.db")).toBe(false);
    expect(redactDb("postgres://app:s3cret@db:5432/x?schema=a")).toBe(
      "postgres://app:***@db:5432/x?schema=a",
    );
    expect(redactDb("./data.db")).toBe("./data.db");
  });
});
