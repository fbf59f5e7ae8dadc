import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Starts a server script from bench/servers in its own process (so the load generator never
 * shares its event loop), on `db` or else a fresh SQLite file, and resolves with its URL and a
 * stop function.
 */
export async function spawnServer(script, db) {
  const dir = mkdtempSync(join(tmpdir(), "botwire-bench-"));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL(`../servers/${script}`, import.meta.url)), db ?? join(dir, "bench.db")],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let buffered = "";
  for await (const chunk of child.stdout) {
    buffered += chunk;
    const line = buffered.split("\n").find((l) => l.startsWith("{"));
    if (line) {
      const { url } = JSON.parse(line);
      return {
        url,
        pid: child.pid,
        startMs: performance.now() - started,
        async stop() {
          child.kill("SIGTERM");
          await once(child, "exit");
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  }
  throw new Error(`${script} exited before printing its URL`);
}
