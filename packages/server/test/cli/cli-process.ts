import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

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

/** A running `botwire-server` child process. */
export interface CliServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the CLI and resolves once it has logged its URL. */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<CliServer> {
  const child = spawn(process.execPath, [CLI, "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output, exited });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`CLI exited with ${code}:\n${output}`)));
  });
}
