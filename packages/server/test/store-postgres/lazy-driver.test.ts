import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";

const run = promisify(execFile);
const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

// In a process of its own (the test runner loads pg itself): imports the built package and the
// CLI's server module, opens `db`, and prints how many files of the pg driver are loaded.
const script = `
import { createRequire } from "node:module";
const pgFiles = () => Object.keys(createRequire(import.meta.url).cache)
  .filter((path) => path.includes("/node_modules/pg/")).length;
const { openStore } = await import(${JSON.stringify(`${dist}index.js`)});
await import(${JSON.stringify(`${dist}cli/run-server.js`)});
const store = await openStore(process.argv[1]);
await store.ping();
await store.close();
console.log(pgFiles());
`;

const pgFilesAfterOpening = async (db: string) =>
  Number((await run(process.execPath, ["--input-type=module", "-e", script, db])).stdout.trim());

describe("the PostgreSQL driver", () => {
  const schema = randomSchema();
  afterEach(() => dropSchema(schema));

  it("is never loaded by a server on SQLite, only when a PostgreSQL store opens", async () => {
    expect(await pgFilesAfterOpening(":memory:")).toBe(0);
    expect(await pgFilesAfterOpening(`${TEST_POSTGRES_URL}?schema=${schema}`)).toBeGreaterThan(0);
  });
});
