import { Memory, type MemoryOptions } from "../../src/index.js";
import { createMockServer, type MockServerOptions } from "../../src/testing/index.js";
import { bridgeUrl, TEST_TRANSPORT } from "./http-bridge.js";

/** Retries that do not wait, so fault tests run in milliseconds. */
export const NO_WAIT = { retries: 3, backoff: () => 1 };

/**
 * A fresh mock server and a client on `namespace` that talks to it in-process, or over HTTP
 * with the transport named by BOTWIRE_TEST_TRANSPORT.
 */
export function mockMemory(
  options: { server?: MockServerOptions; client?: MemoryOptions; namespace?: string } = {},
) {
  const mock = createMockServer(options.server);
  const via =
    TEST_TRANSPORT === "in-process"
      ? { url: mock.url, fetch: mock.fetch }
      : {
          url: bridgeUrl(mock.fetch),
          ...(TEST_TRANSPORT === "fetch" ? { fetch: globalThis.fetch } : {}),
        };
  const connect = (namespace = options.namespace ?? "test") =>
    new Memory(namespace, { ...via, retry: NO_WAIT, ...options.client });
  return { mock, memory: connect(), connect };
}

/** What `promise` rejects with; throws when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** The recorded requests as `METHOD /path`. */
export function calls(mock: { requests: { method: string; path: string }[] }): string[] {
  return mock.requests.map((r) => `${r.method} ${r.path}`);
}
