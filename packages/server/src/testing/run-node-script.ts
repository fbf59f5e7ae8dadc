import { spawn } from "node:child_process";
import { dirname } from "node:path";

/** Options of {@link runNodeScript}. */
export interface RunScriptOptions {
  /** Command-line arguments after the script. */
  args?: string[];
  /** Extra environment variables (e.g. `BOTWIRE_URL`), on top of this process's. */
  env?: Record<string, string>;
  /** Working directory. @default the script's folder */
  cwd?: string;
  /** Killed (SIGKILL) after this long; the result then has `signal: "SIGKILL"`. @default 30000 */
  timeoutMs?: number;
}

/** How a script ended and what it printed. */
export interface ScriptResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Node script as its own process, the way `npm start` runs an example, without blocking
 * the test's event loop (a server the test runs in-process keeps answering meanwhile).
 */
export function runNodeScript(
  script: string,
  options: RunScriptOptions = {},
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...(options.args ?? [])], {
      cwd: options.cwd ?? dirname(script),
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
    child.once("error", reject);
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/**
 * {@link runNodeScript} for a program that must succeed: resolves with its stdout when it exits
 * 0 with nothing on stderr, and rejects with both streams otherwise.
 */
export async function runExample(script: string, options: RunScriptOptions = {}): Promise<string> {
  const run = await runNodeScript(script, options);
  if (run.status !== 0 || run.stderr !== "") {
    throw new Error(
      `${script} exited with ${run.status ?? run.signal}\nstderr:\n${run.stderr}\nstdout:\n${run.stdout}`,
    );
  }
  return run.stdout;
}
