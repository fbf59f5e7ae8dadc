import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Options of {@link startServerProcess}. */
export interface ServerProcessOptions {
  /**
   * Database: a SQLite path or a `postgres://` URL; `false` passes no `--db` (the CLI's own
   * default or `BOTWIRE_DB` in `env` applies). @default a fresh SQLite file in a temp folder
   */
  db?: string | false;
  /** Extra CLI flags, e.g. `["--write-quota", "3"]`. */
  args?: string[];
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** How long to wait for the server to listen. @default 15000 */
  startTimeoutMs?: number;
}

/** A `botwire-server` running as its own process on an ephemeral 127.0.0.1 port. */
export interface ServerProcess {
  /** Base URL, e.g. `http://127.0.0.1:40123`: give it to clients as `BOTWIRE_URL`. */
  url: string;
  /** The database passed with `--db` (the temp SQLite file unless `db` was given). */
  db: string | undefined;
  /** The child process (to send signals, e.g. a `kill -9` crash test). */
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes the temp folder it made. */
  stop(): Promise<void>;
}

const CLI = fileURLToPath(new URL("../cli/main.js", import.meta.url));

/**
 * Starts the built CLI (`botwire-server`) as a separate process, the way users run it, and
 * resolves once it listens. For tests of examples and of behaviour across process restarts.
 * Run the package's build first: the process runs `dist/`, not the TypeScript sources.
 */
export async function startServerProcess(
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const directory =
    options.db === undefined ? await mkdtemp(join(tmpdir(), "botwire-proc-")) : undefined;
  const db = directory ? join(directory, "botwire.db") : options.db || undefined;
  // Under vitest this module runs from src/, so the CLI is the built one next to it in dist/.
  const cli = CLI.replace(/[\\/]src[\\/]cli[\\/]main\.js$/, "/dist/cli/main.js");
  const child = spawn(
    process.execPath,
    [
      cli,
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      ...(db ? ["--db", db] : []),
      ...(options.args ?? []),
    ],
    { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += String(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (directory) await rm(directory, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`botwire-server did not listen in time:\n${output}`)),
        options.startTimeoutMs ?? 15_000,
      );
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`botwire-server exited with ${code} before listening:\n${output}`));
      });
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on("line", (line) => {
        // The "listening" log line carries the URL: `"url":"…"` in JSON, `url: "…"` when pretty.
        const match = /"?url"?: ?"(http:\/\/[^"]+)"/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    return { url, db, child, output: () => output, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
