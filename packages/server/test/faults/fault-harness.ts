import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach } from "vitest";
import {
  dropSchema,
  randomSchema,
  type ServerProcess,
  startServerProcess,
  TEST_POSTGRES_URL,
} from "../../src/testing/index.js";

/** The engines the fault suite runs against. */
export const ENGINES = ["sqlite", "postgres"] as const;
export type Engine = (typeof ENGINES)[number];

/** A response, its body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are asserted shape by shape
  body: any;
}

/**
 * Real `botwire-server` processes over one database, stopped (and their data dropped) after
 * each test. Call once per describe block.
 */
export function useServers() {
  const servers: ServerProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return {
    /** A fresh database of `engine`: a SQLite file, or a PostgreSQL URL with its own schema. */
    async database(engine: Engine, postgresUrl = TEST_POSTGRES_URL): Promise<string> {
      if (engine === "postgres") {
        const schema = randomSchema();
        cleanups.push(() => dropSchema(schema));
        const url = new URL(postgresUrl);
        url.searchParams.set("schema", schema);
        return url.toString();
      }
      const directory = await mkdtemp(join(tmpdir(), "botwire-fault-"));
      cleanups.push(() => rm(directory, { recursive: true, force: true }));
      return join(directory, "botwire.db");
    },
    /** `count` server processes ("replicas") over `db`, started with `args`. */
    async start(db: string, args: string[] = [], count = 1): Promise<ServerProcess[]> {
      const started = await Promise.all(
        Array.from({ length: count }, () => startServerProcess({ db, args })),
      );
      servers.push(...started);
      return started;
    },
  };
}

/** One HTTP call with a JSON body. */
export async function call(
  base: string,
  method: string,
  path: string,
  json?: unknown,
  signal?: AbortSignal,
): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: json === undefined ? {} : { "content-type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * A PUT whose headers go out at once and whose body only after `release` resolves: the server
 * has passed every check it makes on headers alone before it sees the size of the write.
 */
export function putWithLateBody(base: string, path: string, json: unknown, release: Promise<void>) {
  const body = JSON.stringify(json);
  return new Promise<number>((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.flushHeaders();
    void release.then(() => req.end(body));
  });
}

/** Bytes held by a namespace's live keys, as the key listing reports them. */
export async function bytesHeld(base: string, namespace: string): Promise<number> {
  const { body } = await call(base, "GET", `/v1/namespaces/${namespace}/keys?limit=1000`);
  return (body.items as { bytes: number }[]).reduce((sum, item) => sum + item.bytes, 0);
}

/** Rows in the database's `list_items` table, read behind the servers' backs. */
export async function storedItems(db: string): Promise<number> {
  const count = "SELECT count(*) AS n FROM list_items";
  if (!db.startsWith("postgres")) {
    const file = new Database(db, { readonly: true });
    try {
      return (file.prepare(count).get() as { n: number }).n;
    } finally {
      file.close();
    }
  }
  const url = new URL(db);
  const schema = url.searchParams.get("schema");
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return Number(
      (await client.query(count.replace("list_items", `${schema}.list_items`))).rows[0].n,
    );
  } finally {
    await client.end();
  }
}

/** A JSON string value that serializes to exactly `bytes` bytes. */
export const sized = (bytes: number) => "x".repeat(bytes - 2);
