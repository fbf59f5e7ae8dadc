import { createHandler } from "../../src/http/create-handler.js";
import type { HandlerOptions } from "../../src/http/handler-options.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { ServerStore } from "../../src/store/store.js";

/** A response with its body parsed when it is JSON. */
export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted shape by shape
  body: any;
  text: string;
}

/** A server in-process on an in-memory SQLite store with a movable clock. */
export function createTestServer(
  options: HandlerOptions = {},
  store: ServerStore = new SqliteStore({ path: ":memory:" }),
) {
  const clock = { now: 1_800_000_000_000 };
  const handler = createHandler(store, { now: () => clock.now, ...options });

  async function call(
    method: string,
    path: string,
    init: { json?: unknown; body?: RequestInit["body"]; headers?: Record<string, string> } = {},
  ): Promise<CallResult> {
    const headers: Record<string, string> = { ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["content-type"] ??= "application/json";
    }
    const response = await handler(
      new Request(`http://test${path}`, { method, headers, body, duplex: "half" } as RequestInit),
    );
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  return { clock, store, handler, call };
}

/** The error code of a v1 error response. */
export const codeOf = (result: CallResult) => result.body?.error?.code as string | undefined;
