import { connect } from "node:net";
import { afterEach } from "vitest";
import {
  dropSchema,
  randomSchema,
  type ServerProcess,
  startServerProcess,
  TEST_POSTGRES_URL,
} from "../../src/testing/index.js";

/** The storage engines a hostile case runs against. */
export const ENGINES = ["sqlite", "postgres"] as const;

/** A storage engine of {@link ENGINES}. */
export type Engine = (typeof ENGINES)[number];

/**
 * A real `botwire-server` process on `engine` (a fresh SQLite file, or a fresh PostgreSQL
 * schema), with extra CLI flags. `stop()` also drops the schema.
 */
export async function startHostileServer(
  engine: Engine,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  if (engine === "sqlite") return startServerProcess({ args, env });
  const schema = randomSchema();
  const server = await startServerProcess({
    db: `${TEST_POSTGRES_URL}?schema=${schema}`,
    args,
    env,
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await dropSchema(schema);
    },
  };
}

/**
 * Starts hostile servers for the tests of the enclosing block (or file), each stopped after
 * its test.
 */
export function hostileServers(): typeof startHostileServer {
  const started: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });
  return async (...args) => {
    const server = await startHostileServer(...args);
    started.push(server);
    return server;
  };
}

/** A JSON request to `server`; resolves with the status and the parsed body. */
export async function send(
  server: { url: string },
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * Writes `chunks` to a raw TCP connection to `server` (pausing `pauseMs` between them), then
 * either waits for the server to close (`connection: close` in the last request) or hangs up
 * after the last chunk when `hangUp` is set. Resolves with everything the server sent.
 */
export async function rawExchange(
  server: { url: string },
  chunks: string[],
  { pauseMs = 0, hangUp = false } = {},
): Promise<string> {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  let received = "";
  socket.on("data", (data) => {
    received += String(data);
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  for (const chunk of chunks) {
    socket.write(chunk);
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  if (hangUp) socket.destroy();
  await closed;
  return received;
}
