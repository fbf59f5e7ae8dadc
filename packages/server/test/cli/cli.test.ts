import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI, ensureBuilt, startCli } from "./cli-process.js";

const put = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("botwire-server CLI", () => {
  let directory: string;
  beforeAll(ensureBuilt, 120_000);
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "botwire-cli-"));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("names the database, host, port and cause when PostgreSQL is unreachable, never the password", () => {
    const down = spawnSync(
      process.execPath,
      [CLI, "--port", "0", "--db", "postgres://postgres:hunter2@127.0.0.1:1/test"],
      { encoding: "utf8", timeout: 15_000 },
    );
    expect(down.status).toBe(1);
    expect(down.stderr).toContain(
      "cannot open the database postgres://postgres:***@127.0.0.1:1/test",
    );
    expect(down.stderr).toContain("ECONNREFUSED 127.0.0.1:1");
    expect(down.stderr).not.toContain("hunter2");
  });

  it("logs readable lines with --log-format pretty (the default on a terminal), JSON otherwise", async () => {
    const pretty = await startCli(["--db", join(directory, "p.db"), "--log-format", "pretty"]);
    pretty.child.kill("SIGTERM");
    await pretty.exited;
    expect(pretty.output()).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: botwire-server listening on/m,
    );
    expect(pretty.output()).not.toContain('{"level"');
    const json = await startCli(["--db", join(directory, "j.db")]);
    json.child.kill("SIGTERM");
    await json.exited;
    expect(JSON.parse(json.output().split("\n")[0] as string)).toMatchObject({ level: 40 });
  });

  it("prints help, and refuses bad flags with exit code 2", () => {
    const help = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--port");
    expect(help.stdout).toContain("BOTWIRE_DB");
    for (const args of [
      ["--port", "abc"],
      ["--port", "70000"],
      ["--nope"],
      ["--log-level", "loud"],
      ["--log-format", "xml"],
    ]) {
      const bad = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
      expect(bad.status, args.join(" ")).toBe(2);
      expect(bad.stderr).toContain("botwire-server:");
    }
  });

  it("creates the database on first run, from BOTWIRE_DB, and logs URL and path", async () => {
    const db = join(directory, "nested", "env.db");
    const server = await startCli([], { BOTWIRE_DB: db });
    expect(server.output()).toContain(db);
    expect((await put(server.url, "/v1/namespaces/a/keys/k", { value: 1 })).status).toBe(201);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("keeps every acknowledged write across kill -9", async () => {
    const db = join(directory, "crash.db");
    const first = await startCli(["--db", db]);
    for (let i = 0; i < 50; i++) {
      expect(
        (await put(first.url, `/v1/namespaces/crash/keys/k${i}`, { value: { i } })).status,
      ).toBe(201);
    }
    const appended = await fetch(`${first.url}/v1/namespaces/crash/lists/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ items: ["acknowledged"] }),
    });
    expect(appended.status).toBe(200);
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await startCli(["--db", db]);
    const keys = (await (
      await fetch(`${second.url}/v1/namespaces/crash/keys?limit=1000`)
    ).json()) as { items: unknown[] };
    expect(keys.items).toHaveLength(51);
    expect(await (await fetch(`${second.url}/v1/namespaces/crash/keys/k49`)).json()).toMatchObject({
      value: { i: 49 },
    });
    const chat = (await (await fetch(`${second.url}/v1/namespaces/crash/lists/chat`)).json()) as {
      items: unknown[];
    };
    expect(chat.items).toEqual([{ seq: 1, value: "acknowledged" }]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("on SIGTERM finishes the in-flight request, closes the database, and exits 0", async () => {
    const server = await startCli(["--db", join(directory, "term.db")]);
    const { hostname, port } = new URL(server.url);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          hostname,
          port,
          method: "POST",
          path: "/v1/namespaces/t/lists/l",
          headers: { "content-type": "application/json" },
        },
        (res) => {
          let body = "";
          res.on("data", (chunk) => {
            body += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      // Half the body now, the signal, then the rest: the request is in flight during shutdown.
      req.write('{"items":["in', () => {
        setTimeout(() => {
          server.child.kill("SIGTERM");
          setTimeout(() => req.end('-flight"]}'), 200);
        }, 100);
      });
    });
    const { status, body } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ length: 1 });
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("database closed cleanly");
  });
});

describe("botwire-server token", () => {
  it("mints, lists and revokes tokens that a locked-down server accepts", async () => {
    ensureBuilt();
    const directory = await mkdtemp(join(tmpdir(), "botwire-token-"));
    const db = join(directory, "tokens.db");
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, "token", ...args, "--db", db], { encoding: "utf8" });
    try {
      // Minting into a database that does not exist would create a second, empty one.
      const missing = cli("list");
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain(`No database at ${db}`);
      expect(existsSync(db)).toBe(false);
      const init = spawnSync(process.execPath, [CLI, "init", "--db", db], { encoding: "utf8" });
      expect(init.status, init.stderr).toBe(0);
      const created = cli("create", "--ns", "user-*", "--read-only", "--label", "reporting");
      expect(created.status, created.stderr).toBe(0);
      const token = JSON.parse(created.stdout.slice(0, created.stdout.lastIndexOf("}") + 1));
      expect(token).toMatchObject({ namespaces: ["user-*"], readOnly: true, label: "reporting" });
      expect(created.stdout).toContain("not shown again");
      expect(cli("list").stdout).toContain(token.id);
      expect(cli("list").stdout).not.toContain(token.token);

      const server = await startCli(["--db", db, "--admin-token", "admin-0123456789abcdef"]);
      const auth = { authorization: `Bearer ${token.token}` };
      expect(
        (await fetch(`${server.url}/v1/namespaces/user-1/keys/k`, { headers: auth })).status,
      ).toBe(404);
      expect(
        (await fetch(`${server.url}/v1/namespaces/other/keys/k`, { headers: auth })).status,
      ).toBe(403);
      expect((await fetch(`${server.url}/v1/namespaces/user-1/keys/k`)).status).toBe(401);
      expect(cli("revoke", token.id).status).toBe(0);
      expect(
        (await fetch(`${server.url}/v1/namespaces/user-1/keys/k`, { headers: auth })).status,
      ).toBe(401);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toContain("OPEN MODE");

      expect(cli("create").status).toBe(2);
      expect(cli("revoke", "tok_nope").status).toBe(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("warns loudly at start in open mode, and refuses a short admin token", async () => {
    const directory = await mkdtemp(join(tmpdir(), "botwire-open-"));
    const server = await startCli(["--db", join(directory, "open.db")]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output()).toContain("OPEN MODE");
    server.child.kill("SIGTERM");
    await server.exited;
    expect(
      spawnSync(process.execPath, [CLI, "--admin-token", "short"], { encoding: "utf8" }).status,
    ).toBe(2);
    await rm(directory, { recursive: true, force: true });
  });
});

describe("botwire-server init", () => {
  it("creates the database and an admin token the operator can find again and start with", async () => {
    ensureBuilt();
    const directory = await mkdtemp(join(tmpdir(), "botwire-init-"));
    const db = join(directory, "data", "botwire.db");
    const init = () =>
      spawnSync(process.execPath, [CLI, "init"], {
        encoding: "utf8",
        env: { ...process.env, BOTWIRE_DB: db },
      });
    try {
      const first = init();
      expect(first.status, first.stderr).toBe(0);
      const tokenFile = join(directory, "data", "admin-token");
      const token = (await readFile(tokenFile, "utf8")).trim();
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect(first.stdout).toContain(token);
      expect(first.stdout).toContain(`--admin-token-file ${tokenFile}`);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(existsSync(db)).toBe(true);

      const again = init();
      expect(again.status).toBe(2);
      expect(again.stderr).toContain("--force");
      expect((await readFile(tokenFile, "utf8")).trim()).toBe(token);

      const server = await startCli(["--db", db, "--admin-token-file", tokenFile]);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(metrics.status).toBe(200);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const unreadable = spawnSync(
        process.execPath,
        [CLI, "--admin-token-file", join(directory, "nope")],
        { encoding: "utf8" },
      );
      expect(unreadable.status).toBe(2);
      expect(unreadable.stderr).toContain("botwire-server init");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("the committed bin", () => {
  it("exists before the build and says how to build when dist/ is missing", async () => {
    const directory = await mkdtemp(join(tmpdir(), "botwire-bin-"));
    try {
      await mkdir(join(directory, "bin"));
      const bin = join(directory, "bin", "botwire-server.js");
      await copyFile(fileURLToPath(new URL("../../bin/botwire-server.js", import.meta.url)), bin);
      await writeFile(join(directory, "package.json"), '{"type":"module"}');
      const run = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("not built yet: run `npm run build`");
      const built = spawnSync(
        process.execPath,
        [fileURLToPath(new URL("../../bin/botwire-server.js", import.meta.url)), "--help"],
        { encoding: "utf8" },
      );
      expect(built.status).toBe(0);
      expect(built.stdout).toContain("botwire-server init");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
