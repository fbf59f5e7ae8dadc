import { Memory } from "@botwire/core";
import { createHandler, SqliteStore } from "@botwire/server";
import * as vitest from "vitest";
import { listContractSuite, memoryContractSuite } from "../src/index.js";

// Target 2: the reference server's fetch handler on SQLite, called in-process (no port).
let now = Date.now();
const store = new SqliteStore({ path: ":memory:" });
const handler = createHandler(store, { now: () => now });
const fetchInProcess: typeof fetch = async (input, init) => handler(new Request(input, init));
const target = {
  memory: (namespace: string) =>
    new Memory(namespace, { url: "http://in-process", fetch: fetchInProcess }),
  advanceTime: (ms: number) => {
    now += ms;
  },
};

vitest.afterAll(() => store.close());

vitest.describe("contract: reference server in-process (SQLite)", () => {
  memoryContractSuite(vitest, target);
  listContractSuite(vitest, target);
});
