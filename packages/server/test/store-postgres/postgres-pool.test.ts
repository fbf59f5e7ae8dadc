import { afterEach, describe, expect, it } from "vitest";
import { mapPostgresError } from "../../src/store/postgres/postgres-errors.js";
import { PostgresPool } from "../../src/store/postgres/postgres-pool.js";
import { StoreUnavailableError } from "../../src/store/store-errors.js";
import { TEST_POSTGRES_URL } from "../../src/testing/index.js";

const failure = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe("PostgresPool", () => {
  const pools: PostgresPool[] = [];
  const pool = () => {
    const created = new PostgresPool({ connectionString: TEST_POSTGRES_URL, poolSize: 2 });
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });

  it("runs a transaction again after a deadlock or a serialization failure", async () => {
    let calls = 0;
    const result = await pool().transaction(async (client) => {
      calls++;
      await client.query("SELECT 1");
      if (calls === 1) throw failure("40P01");
      if (calls === 2) throw failure("40001");
      return "done";
    });
    expect({ result, calls }).toEqual({ result: "done", calls: 3 });
  });

  it("gives up after five attempts and rethrows the failure", async () => {
    let calls = 0;
    const error = await pool()
      .transaction(async () => {
        calls++;
        throw failure("40001");
      })
      .catch((e: unknown) => e);
    expect(calls).toBe(5);
    expect(error).toMatchObject({ code: "40001" });
  });

  it("returns bigints as numbers and keeps serving after a failed statement", async () => {
    const p = pool();
    const rows = await p.transaction(
      async (c) => (await c.query("SELECT 9007199254740991::bigint AS n")).rows,
    );
    expect(rows).toEqual([{ n: Number.MAX_SAFE_INTEGER }]);
    await expect(p.transaction(async (c) => c.query("SELECT nonsense"))).rejects.toMatchObject({
      code: "42703",
    });
    expect((await p.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });
});

describe("mapPostgresError", () => {
  it("maps connection and availability failures to StoreUnavailableError", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "57P01",
      "57P03",
      "08006",
      "08001",
      "53300",
    ]) {
      expect(mapPostgresError(failure(code)), code).toBeInstanceOf(StoreUnavailableError);
    }
    const timeout = new Error("timeout exceeded when trying to connect");
    expect(mapPostgresError(timeout)).toBeInstanceOf(StoreUnavailableError);
    expect(mapPostgresError(new Error("Connection terminated unexpectedly"))).toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it("leaves every other error as it is", () => {
    for (const code of ["23505", "42P01", "40001", "22P02"]) {
      const error = failure(code);
      expect(mapPostgresError(error), code).toBe(error);
    }
  });
});
