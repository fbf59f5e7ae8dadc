import { spawn, spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, call } from "../sdk-client.js";
import { BIN, httpClient, startHttpProcess, stdioClient } from "./bin-processes.js";

// The bin as users run it (its own process, the built CLI) against the reference server.
let botwire: ServerProcess;

beforeAll(async () => {
  botwire = await startServerProcess();
}, 30_000);

afterAll(async () => {
  await botwire?.stop();
});

const namespace = () => `mcp-${Math.random().toString(36).slice(2, 10)}`;

async function using<T>(clients: Client[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

describe("stdio", () => {
  it("a second process recalls what the first remembered", async () => {
    const env = { BOTWIRE_URL: botwire.url, BOTWIRE_NAMESPACE: namespace() };
    const first = await stdioClient(env);
    await using([first], async () => {
      const stored = await call(first, "remember", { key: "user:name", value: "Ada" });
      expect(stored.isError).toBe(false);
    });
    const second = await stdioClient(env);
    await using([second], async () => {
      expect((await call(second, "recall", { key: "user:name" })).structured).toMatchObject({
        found: true,
        value: "Ada",
      });
    });
  });

  it("writes nothing but protocol messages to stdout, even when calls fail", async () => {
    // A BotWire URL where nothing listens: every call fails, after retries.
    const child = spawn(process.execPath, [BIN], {
      env: { PATH: process.env.PATH ?? "", BOTWIRE_URL: "http://127.0.0.1:9" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const answered = new Map<number, Record<string, unknown>>();
    const waiters = new Map<number, () => void>();
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      const message = JSON.parse(line) as { id?: number };
      if (message.id !== undefined) {
        answered.set(message.id, message as Record<string, unknown>);
        waiters.get(message.id)?.();
      }
    });
    const send = (message: Record<string, unknown>) => {
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
      const id = message.id as number | undefined;
      return id === undefined
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.set(id, resolve));
    };
    try {
      await send({
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "raw", version: "0" },
        },
      });
      await send({ method: "notifications/initialized" });
      await Promise.all([
        send({ id: 2, method: "tools/call", params: { name: "recall", arguments: { key: "k" } } }),
        send({ id: 3, method: "tools/call", params: { name: "remember", arguments: { key: 1 } } }),
        send({ id: 4, method: "resources/read", params: { uri: "memory://mcp/k" } }),
        send({ id: 5, method: "no/such/method" }),
      ]);
      await send({ id: 6, method: "tools/list" });
    } finally {
      child.kill();
    }
    expect(lines.length).toBe(6);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
    expect(answered.get(2)).toMatchObject({ result: { isError: true } });
    expect(JSON.stringify(answered.get(2))).toContain("BOTWIRE_URL");
    expect(answered.get(3)).toMatchObject({ result: { isError: true } });
    expect(answered.get(4)).toHaveProperty("error");
    expect(answered.get(5)).toHaveProperty("error");
    expect(answered.get(6)).toHaveProperty("result.tools");
    expect(stderr).toContain(
      "botwire-mcp: serving namespace 'mcp' on http://127.0.0.1:9 over stdio",
    );
  }, 30_000);
});

describe("streamable HTTP", () => {
  it("shares memory with stdio processes, and keeps concurrent appends whole", async () => {
    const env = { BOTWIRE_URL: botwire.url, BOTWIRE_NAMESPACE: namespace() };
    const server = await startHttpProcess(env);
    const clients = [
      await httpClient(server.url),
      await httpClient(server.url),
      await stdioClient(env),
      await stdioClient(env),
    ];
    try {
      await using(clients, async () => {
        const [viaHttp, , viaStdio] = clients as [Client, Client, Client, Client];
        await call(viaHttp, "remember", { key: "shared", value: { from: "http" } });
        expect((await call(viaStdio, "recall", { key: "shared" })).structured?.value).toEqual({
          from: "http",
        });

        // 4 clients × 10 concurrent calls, each appending a pair that must stay adjacent.
        const calls = clients.flatMap((client, c) =>
          Array.from({ length: 10 }, (_, i) =>
            call(client, "append_history", {
              key: "log",
              messages: [`${c}.${i}.a`, `${c}.${i}.b`],
            }),
          ),
        );
        const outcomes = await Promise.all(calls);
        expect(outcomes.filter((outcome) => outcome.isError)).toEqual([]);
        const read = await call(viaStdio, "read_history", { key: "log", last: 1000 });
        const messages = read.structured?.messages as string[];
        expect(read.structured?.total).toBe(80);
        expect(new Set(messages).size).toBe(80);
        for (let i = 0; i < messages.length; i += 2) {
          expect(messages[i + 1]).toBe((messages[i] as string).replace(/a$/, "b"));
        }
      });
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("refuses a request whose Host header names another site", async () => {
    const server = await startHttpProcess({ BOTWIRE_URL: botwire.url });
    try {
      const status = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(server.url, {
            method: "POST",
            headers: {
              host,
              "content-type": "application/json",
              accept: "application/json, text/event-stream",
            },
          });
          req.on("response", (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on("error", reject);
          req.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }));
        });
      const port = new URL(server.url).port;
      expect(await status(`evil.example:${port}`)).toBe(403);
      expect(await status(`localhost:${port}`)).toBe(200);
    } finally {
      await server.stop();
    }
  }, 30_000);
});

describe("a server with tokens and a write quota", () => {
  const adminToken = "mcp-test-admin-token-0123456789";
  let locked: ServerProcess;

  beforeAll(async () => {
    locked = await startServerProcess({
      args: ["--admin-token", adminToken, "--write-quota", "2"],
    });
  }, 30_000);

  afterAll(async () => {
    await locked?.stop();
  });

  it("uses BOTWIRE_TOKEN or the request's bearer token, and reports the quota's wait", async () => {
    const env = { BOTWIRE_URL: locked.url, BOTWIRE_NAMESPACE: namespace() };
    const server = await startHttpProcess(env);
    const anonymous = await httpClient(server.url);
    const bearer = await httpClient(server.url, { authorization: `Bearer ${adminToken}` });
    const configured = await stdioClient({ ...env, BOTWIRE_TOKEN: adminToken });
    try {
      await using([anonymous, bearer, configured], async () => {
        const refused = await call(anonymous, "recall", { key: "k" });
        expect(refused.isError).toBe(true);
        expect(refused.text).toContain("set BOTWIRE_TOKEN (or --token)");
        expect(refused.text).toContain("401 unauthorized");

        expect((await call(bearer, "remember", { key: "k", value: 1 })).isError).toBe(false);
        expect((await call(configured, "remember", { key: "k", value: 2 })).isError).toBe(false);
        const third = await call(bearer, "remember", { key: "k", value: 3 });
        expect(third.isError).toBe(true);
        expect(third.text).toMatch(/^Quota exceeded: retry after \d+ s\./);
        expect((await call(configured, "recall", { key: "k" })).structured?.value).toBe(2);
      });
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe("the committed bin", () => {
  it("prints the help", () => {
    const run = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: botwire-mcp");
  });

  it("says how to build when dist/ is missing, instead of failing obscurely", async () => {
    const folder = await mkdtemp(join(tmpdir(), "botwire-mcp-bin-"));
    try {
      await mkdir(join(folder, "bin"));
      await copyFile(BIN, join(folder, "bin", "botwire-mcp.js"));
      const run = spawnSync(process.execPath, [join(folder, "bin", "botwire-mcp.js")], {
        encoding: "utf8",
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("botwire-mcp: not built yet. Run `npm run build`");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("exits with a usage error on a bad flag", () => {
    const run = spawnSync(process.execPath, [BIN, "--namespace", "a b"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--namespace (BOTWIRE_NAMESPACE) must be");
  });
});
