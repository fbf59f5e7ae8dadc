import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Memory, type MemoryOptions } from "@botwire/core";
import { createMockServer, type MockServer } from "@botwire/core/testing";
import {
  createHandler,
  PostgresStore,
  type ServerHandle,
  type ServerStore,
  SqliteStore,
  serve,
} from "@botwire/server";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "@botwire/server/testing";
import type { ContractTarget } from "./contract-target.js";

/** A target with a lifecycle: `start` before the tests (beforeAll), `close` after (afterAll). */
export interface RunningTarget extends ContractTarget {
  memory(namespace: string, options?: MemoryOptions): Memory;
  advanceTime(ms: number): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The mock server of `@botwire/core/testing`, in-process, with a movable clock. */
export function mockServerTarget(): RunningTarget & { mock: MockServer } {
  let now = Date.now();
  const mock = createMockServer({ now: () => now });
  return {
    mock,
    memory: (namespace, options) =>
      new Memory(namespace, { url: mock.url, fetch: mock.fetch, ...options }),
    advanceTime: (ms) => {
      now += ms;
    },
    start: async () => {},
    close: async () => {},
  };
}

/**
 * The reference server with a movable clock, on a fresh SQLite file or a fresh PostgreSQL
 * schema: called in-process through its fetch handler, or over real HTTP on an ephemeral port.
 */
export function referenceServerTarget(
  transport: "in-process" | "http",
  engine: "sqlite" | "postgres" = "sqlite",
): RunningTarget {
  let now = Date.now();
  let directory: string | undefined;
  let schema: string | undefined;
  let store: ServerStore | undefined;
  let server: ServerHandle | undefined;
  let handler: ((request: Request) => Promise<Response>) | undefined;
  return {
    memory(namespace, options) {
      if (!handler) throw new Error("call start() (in beforeAll) before using the target");
      const call = handler;
      return transport === "http"
        ? new Memory(namespace, { url: server?.url, ...options })
        : new Memory(namespace, {
            url: "http://in-process",
            fetch: async (input, init) => call(new Request(input, init)),
            ...options,
          });
    },
    advanceTime: (ms) => {
      now += ms;
    },
    async start() {
      if (engine === "postgres") {
        schema = randomSchema();
        store = await PostgresStore.open({ connectionString: TEST_POSTGRES_URL, schema });
      } else {
        directory = await mkdtemp(join(tmpdir(), "botwire-target-"));
        store = new SqliteStore({ path: join(directory, "target.db") });
      }
      handler = createHandler(store, { now: () => now });
      if (transport === "http") server = await serve(handler, { port: 0, host: "127.0.0.1" });
    },
    async close() {
      await server?.close();
      await store?.close();
      if (directory) await rm(directory, { recursive: true, force: true });
      if (schema) await dropSchema(schema);
    },
  };
}
