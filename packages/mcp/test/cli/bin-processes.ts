import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Client, StdioClientTransport, StreamableHTTPClientTransport } from "../sdk-client.js";

/** The committed bin, which runs the built CLI: the root `npm test` builds before testing. */
export const BIN = fileURLToPath(new URL("../../bin/botwire-mcp.js", import.meta.url));

/** What the bin's environment always needs, without the test runner's BOTWIRE_* variables. */
function baseEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...env };
}

/** An SDK client talking to a `botwire-mcp` process it started over stdio. */
export async function stdioClient(env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    env: baseEnv(env),
    stderr: "pipe",
  });
  const client = new Client({ name: "stdio-test", version: "0" });
  await client.connect(transport);
  return client;
}

/** A `botwire-mcp --http` process on an ephemeral port. */
export interface HttpProcess {
  /** The endpoint, e.g. `http://127.0.0.1:40123/mcp`. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `botwire-mcp --http --port 0` and resolves once it listens. */
export async function startHttpProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<HttpProcess> {
  const child = spawn(process.execPath, [BIN, "--http", "--port", "0", ...args], {
    env: baseEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`botwire-mcp did not listen:\n${stderr}`)),
      15_000,
    );
    void exited.then(() => reject(new Error(`botwire-mcp exited:\n${stderr}`)));
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
      stderr += `${line}\n`;
      const match = / at (http:\/\/\S+\/mcp)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** An SDK client over streamable HTTP, with extra request headers. */
export async function httpClient(
  url: string,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: "http-test", version: "0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
  );
  return client;
}
