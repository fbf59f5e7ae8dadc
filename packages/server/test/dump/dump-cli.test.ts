import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DUMP_HEADER, formatEnd, formatEntry, formatItem } from "../../src/dump/dump-format.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { dropSchema, randomSchema, TEST_POSTGRES_URL } from "../../src/testing/index.js";
import { CLI, ensureBuilt } from "../cli/cli-process.js";

// Printed by the CLI process as it exits: its peak resident set (KiB), as the kernel counts it.
const REPORT_PEAK_RSS = `data:text/javascript,${encodeURIComponent(
  'process.on("exit",()=>process.stderr.write("peak-rss-kib="+process.resourceUsage().maxRSS+"\\n"))',
)}`;
// A V8 heap far smaller than the large dump: a CLI that held the dump in memory would die.
const HEAP_MIB = 48;

/** Runs the CLI with `args`, stdin from `input` (a file), stdout to `output` (a file). */
async function cli(args: string[], files: { input?: string; output?: string } = {}) {
  const stdin = files.input ? await open(files.input, "r") : undefined;
  const stdout = files.output ? await open(files.output, "w") : undefined;
  try {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      stdio: [stdin?.fd ?? "ignore", stdout?.fd ?? "pipe", "pipe"],
      encoding: "utf8",
      timeout: 120_000,
      env: {
        ...process.env,
        NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB} --import=${REPORT_PEAK_RSS}`,
      },
    });
    const peak = Number(/peak-rss-kib=(\d+)/.exec(run.stderr)?.[1]);
    return { status: run.status, stderr: run.stderr, stdout: run.stdout, peakRssMiB: peak / 1024 };
  } finally {
    await stdin?.close();
    await stdout?.close();
  }
}

describe("botwire-server export / import", () => {
  let directory: string;
  let schemas: string[];
  beforeAll(ensureBuilt, 120_000);
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "botwire-dump-cli-"));
    schemas = [];
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
    for (const schema of schemas) await dropSchema(schema);
  });
  const postgresUrl = () => {
    const schema = randomSchema();
    schemas.push(schema);
    return `${TEST_POSTGRES_URL}?schema=${schema}`;
  };

  it("moves a SQLite database to PostgreSQL and back, byte-identical, refusing damage and existing keys", async () => {
    const db = join(directory, "source.db");
    const store = new SqliteStore({ path: db });
    const now = Date.now();
    await store.put("app", "profile", { value: '{"name":"Ada"}', expiresAt: now + 3_600_000 }, now);
    await store.append("app", "chat", { items: ['{"role":"user","content":"hi"}'] }, now);
    await store.put("team:x", "k", { value: "1", expiresAt: null }, now);
    await store.close();
    const dump = join(directory, "dump.jsonl");
    const exported = await cli(["export", "--db", db], { output: dump });
    expect(exported.stderr).toContain("Exported 3 keys (1 list items)");
    expect(exported.status).toBe(0);

    const pg = postgresUrl();
    const imported = await cli(["import", "--db", pg], { input: dump });
    expect(imported.stderr).toContain("Imported 3 keys (1 list items)");
    expect(imported.status).toBe(0);
    const again = join(directory, "again.jsonl");
    expect((await cli(["export", "--db", pg], { output: again })).status).toBe(0);
    expect(await readFile(again, "utf8")).toBe(await readFile(dump, "utf8"));

    const twice = await cli(["import", "--db", pg], { input: dump });
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(
      /line 2: app\/chat exists in the database already: pass --replace/,
    );
    expect((await cli(["import", "--db", pg, "--replace"], { input: dump })).status).toBe(0);

    const only = await cli(["export", "--db", pg, "--ns", "team:*"]);
    expect(only.stdout.split("\n").filter(Boolean)).toHaveLength(3);

    const damaged = join(directory, "damaged.jsonl");
    const lines = (await readFile(dump, "utf8")).split("\n");
    lines[3] = lines[3]?.replace('"type":"value"', '"type":"valve"') as string;
    await writeFile(damaged, lines.join("\n"));
    const empty = join(directory, "empty.db");
    const refused = await cli(["import", "--db", empty], { input: damaged });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('botwire-server: line 4: unknown record type "valve"');
    expect(refused.stderr).toContain("Nothing was imported");
    expect((await cli(["export", "--db", empty])).stdout).toBe(DUMP_HEADER + formatEnd(0, 0));
  }, 60_000);

  it("refuses bad flags with exit code 2 and a missing SQLite file to export", async () => {
    expect((await cli(["export", "--ns", "bad pattern"])).status).toBe(2);
    expect((await cli(["import", "--nope"])).status).toBe(2);
    expect((await cli(["import", "--ns", "a"])).status).toBe(2);
    expect((await cli(["export", "--replace"])).status).toBe(2);
    const missing = await cli(["export", "--db", join(directory, "nope.db")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("No database at");
  });

  it("exports and imports a large store in bounded memory (50 000 keys, a 20 000-item list)", async () => {
    // A dump written by the format's own functions: the CLI's export must reproduce it exactly.
    const source = join(directory, "large.jsonl");
    const file = createWriteStream(source);
    const write = async (line: string) => {
      if (!file.write(line)) await once(file, "drain");
    };
    const filler = "x".repeat(1000);
    const base = {
      kind: "value" as const,
      bytes: 0,
      created_at: 1,
      updated_at: 2,
      expires_at: null,
      length: 0,
      next_seq: 1,
    };
    await write(DUMP_HEADER);
    await write(
      formatEntry({
        ...base,
        ns: "big",
        key: "chat",
        kind: "list",
        value: null,
        version: 1,
        length: 20_000,
        next_seq: 20_001,
      }),
    );
    for (let seq = 1; seq <= 20_000; seq++)
      await write(formatItem({ seq, value: `"${seq} ${filler}"` }));
    for (let i = 0; i < 50_000; i++) {
      const key = `key-${String(i).padStart(6, "0")}`;
      await write(
        formatEntry({
          ...base,
          ns: "big",
          key,
          value: `{"i":${i},"s":"${filler}"}`,
          version: i + 2,
        }),
      );
    }
    await write(formatEnd(50_001, 20_000));
    file.end();
    await once(file, "finish");
    const bytes = (await readFile(source)).byteLength;

    const db = join(directory, "large.db");
    await new SqliteStore({ path: join(directory, "empty.db") }).close();
    const imported = await cli(["import", "--db", db], { input: source });
    expect(imported.stderr).toContain("Imported 50001 keys (20000 list items)");

    // Exported into a pipe this test drains, hashing as it goes: back-pressure, not buffering.
    const child = spawn(process.execPath, [CLI, "export", "--db", db], {
      env: {
        ...process.env,
        NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB} --import=${REPORT_PEAK_RSS}`,
      },
    });
    const hash = createHash("sha256");
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    for await (const chunk of child.stdout) hash.update(chunk);
    const [status] = await once(child, "exit");
    expect(status).toBe(0);
    expect(hash.digest("hex")).toBe(
      createHash("sha256")
        .update(await readFile(source))
        .digest("hex"),
    );

    const exportPeak = Number(/peak-rss-kib=(\d+)/.exec(stderr)?.[1]) / 1024;
    const small = await cli(["export", "--db", join(directory, "empty.db")]);
    console.info(
      `dump ${(bytes / 2 ** 20).toFixed(1)} MiB; peak RSS: import ${imported.peakRssMiB.toFixed(1)} MiB, export ${exportPeak.toFixed(1)} MiB, export of an empty database ${small.peakRssMiB.toFixed(1)} MiB (V8 heap capped at ${HEAP_MIB} MiB)`,
    );
    // Memory does not follow the dump's size: both stay well under it above an empty export.
    expect(exportPeak - small.peakRssMiB).toBeLessThan(bytes / 2 ** 20 / 2);
    expect(imported.peakRssMiB - small.peakRssMiB).toBeLessThan(bytes / 2 ** 20 / 2);
  }, 180_000);
});
