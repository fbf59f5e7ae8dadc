import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ServerProcess, startServerProcess } from "../../src/testing/index.js";

/** The built CLI. These tests exercise the artifact users run, so they need `dist/`. */
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** Builds the server when `dist/` is missing (root `npm test` builds before testing). */
export function ensureBuilt(): void {
  if (existsSync(CLI)) return;
  const root = fileURLToPath(new URL("../../../../", import.meta.url));
  execFileSync("npx", ["turbo", "run", "build", "--filter=@botwire/server..."], {
    cwd: root,
    stdio: "inherit",
  });
}

/** Starts the CLI with exactly these flags (no `--db` of its own) on an ephemeral port. */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServerProcess({ db: false, args, env });
}
