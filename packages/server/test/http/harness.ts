import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, expect } from "vitest";
import { createHandler } from "../../src/http/create-handler.js";
import type { HandlerOptions } from "../../src/http/handler-options.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { ServerStore } from "../../src/store/store.js";
import { type Exchange, recordExchanges } from "../../src/testing/exchange-recorder.js";
import { openApiViolations } from "../../src/testing/openapi-violations.js";

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
  const exchanges: Exchange[] = [];
  const served = createHandler(store, { now: () => clock.now, ...options });
  servers.push({ handler: served, exchanges });
  const handler = recordExchanges(served, exchanges);

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
    // A streamed upload is not recorded: a copy of it (a tee) would hold the server's cancel of
    // an endless one until the copy is cancelled too.
    const answer = body instanceof ReadableStream ? served : handler;
    const response = await answer(
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

const servers: { handler: (request: Request) => Promise<Response>; exchanges: Exchange[] }[] = [];

// Every exchange of every test server of the file conforms to the OpenAPI document that
// server serves (built from its own limits), on both surfaces.
afterAll(async () => {
  for (const { handler, exchanges } of servers.splice(0)) {
    if (exchanges.length === 0) continue;
    const document = (await (
      await handler(new Request("http://test/openapi.json"))
    ).json()) as object;
    const validator = new Ajv2020({ strict: false, allErrors: false });
    expect(openApiViolations(document, exchanges, validator)).toEqual([]);
  }
});

/** The error code of a v1 error response. */
export const codeOf = (result: CallResult) => result.body?.error?.code as string | undefined;
