import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../../src/testing/index.js";
import { send } from "./hostile-server.js";

let server: ServerProcess | undefined;
let parent: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (parent) await rm(parent, { recursive: true, force: true });
  server = undefined;
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

// The database was created 0644 (world-readable) in a 0755 directory.
it("creates the SQLite data directory 0700 and the database, -wal and -shm files 0600", async () => {
  parent = await mkdtemp(join(tmpdir(), "botwire-modes-"));
  const db = join(parent, "data", "nested", "botwire.db");
  // The test runner's umask (typically 022) would leave 0755/0644 if the server did not ask.
  server = await startServerProcess({ db });
  expect((await send(server, "PUT", "/v1/namespaces/n/keys/k", { value: "secret" })).status).toBe(
    201,
  );
  expect(await modeOf(join(parent, "data"))).toBe(0o700);
  expect(await modeOf(join(parent, "data", "nested"))).toBe(0o700);
  for (const file of ["botwire.db", "botwire.db-wal", "botwire.db-shm"]) {
    expect(await modeOf(join(parent, "data", "nested", file)), file).toBe(0o600);
  }
});
