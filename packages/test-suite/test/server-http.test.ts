import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Memory } from "@botwire/core";
import { createHandler, type ServerHandle, SqliteStore, serve } from "@botwire/server";
import * as vitest from "vitest";
import { listContractSuite, memoryContractSuite } from "../src/index.js";

// Target 3: the reference server over real HTTP on an ephemeral port, with a file database.
let now = Date.now();
let directory: string;
let store: SqliteStore;
let server: ServerHandle;

vitest.beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "botwire-contract-"));
  store = new SqliteStore({ path: join(directory, "contract.db") });
  server = await serve(createHandler(store, { now: () => now }), { port: 0, host: "127.0.0.1" });
});

vitest.afterAll(async () => {
  await server.close();
  await store.close();
  await rm(directory, { recursive: true, force: true });
});

const target = {
  memory: (namespace: string) => new Memory(namespace, { url: server.url }),
  advanceTime: (ms: number) => {
    now += ms;
  },
};

vitest.describe("contract: reference server over HTTP (SQLite file)", () => {
  memoryContractSuite(vitest, target);
  listContractSuite(vitest, target);
});
