import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Memory } from "@botwire/core";
import { type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess, startModelStubProcess } from "../processes.mjs";

// Runs the example as a user would: its own process against a botwire-server process, through
// the real @portkey-ai/gateway to the local model stub, each its own process. It imports the
// packages' built dist (the root `npm test` builds first).

const EXAMPLE = fileURLToPath(new URL("..", import.meta.url));
type Stoppable = { stop(): Promise<void> };
const running: Stoppable[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((process) => process.stop()));
});
async function track<T extends Stoppable>(starting: Promise<T>): Promise<T> {
  const started = await starting;
  running.push(started);
  return started;
}

/**
 * `node index.mjs ...args` in its own process group; `whileRunning(pid)` runs alongside. After
 * it exits, nothing it started may be left: the group must be empty (anything left is killed,
 * and the test fails).
 */
async function runExample(
  args: string[],
  env: Record<string, string | undefined>,
  whileRunning?: (pid: number) => Promise<void>,
) {
  const child = spawn(process.execPath, ["index.mjs", ...args], {
    cwd: EXAMPLE,
    env: { ...process.env, PORTKEY_GATEWAY_URL: undefined, MODEL_BASE_URL: undefined, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const group = child.pid as number;
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const killGroup = () => {
    try {
      process.kill(-group, "SIGKILL");
      return true;
    } catch {
      return false; // ESRCH: the group is empty
    }
  };
  const timer = setTimeout(killGroup, 40_000);
  const closed = once(child, "close"); // exited, and its output read to the end
  await whileRunning?.(group);
  const [status, signal] = await closed;
  clearTimeout(timer);
  return { status, signal, stdout, stderr, strays: killGroup() };
}

/** The command lines of the processes in a process group. */
function processesIn(group: number): string[] {
  const ps = spawnSync("ps", ["-eo", "pgid=,args="], { encoding: "utf8" });
  return ps.stdout
    .split("\n")
    .filter((line) => Number.parseInt(line, 10) === group)
    .map((line) => line.trim());
}

async function storedHistory(server: ServerProcess) {
  const memory = new Memory("user-sessions", { url: server.url });
  return (await memory.range("user-42:history")).map((item) => item.value);
}

// Each run starts processes; on a loaded machine that takes seconds.
describe("examples/portkey-gateway", { timeout: 60_000 }, () => {
  it("remembers across two processes, through the real gateway, in every pattern", async () => {
    const server = await track(startServerProcess());
    const model = await track(startModelStubProcess());
    const gateway = await track(startGatewayProcess());
    const env = {
      BOTWIRE_URL: server.url,
      PORTKEY_GATEWAY_URL: gateway.url,
      MODEL_BASE_URL: model.url,
    };

    const first = await runExample(["Hi, my name is Ada."], env);
    expect(first).toMatchObject({ status: 0, stderr: "", strays: false });
    expect(first.stdout).toContain("context: none yet");
    expect(first.stdout).toContain("portkey: Got it: your name is Ada.");
    expect(first.stdout).toContain('context stored for 24 h: {"name":"Ada"}');

    const second = await runExample([], env);
    expect(second).toMatchObject({ status: 0, stderr: "", strays: false });
    expect(second.stdout).toContain(`gateway: ${gateway.url}\n`);
    // The native-TTL context, the chat window and the LangChain history each remembered.
    expect(second.stdout).toMatch(/context: \{"name":"Ada"\}, fresh until \S+Z/);
    expect(second.stdout).toContain("portkey: Your name is Ada.\n  (sent 2 earlier messages");
    expect(second.stdout).toContain("langchain: Your name is Ada.\n  (sent 2 earlier messages");
    // What reached the model through the gateway: context + 2 remembered messages + question.
    expect(model.output()).toContain('saw 4 messages (stream): "Your name is Ada."');

    // The streamed replies were stored whole (the stub sends them word by word).
    expect(await storedHistory(server)).toEqual([
      { role: "user", content: "Hi, my name is Ada." },
      { role: "assistant", content: "Got it: your name is Ada." },
      { role: "user", content: "What's my name?" },
      { role: "assistant", content: "Your name is Ada." },
    ]);
    const context = await new Memory("agent-workspace", { url: server.url }).getEntry(
      "context:user-42",
    );
    expect(context?.expiresAt).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it("without PORTKEY_GATEWAY_URL, starts the gateway and the model itself and stops them", async () => {
    const server = await track(startServerProcess());
    const env = { BOTWIRE_URL: server.url };

    const first = await runExample(["my name is Grace"], env);
    expect(first).toMatchObject({ status: 0, stderr: "", strays: false });
    expect(first.stdout).toMatch(/gateway: http:\/\/127\.0\.0\.1:\d+\/v1 \(started by this run\)/);
    expect(first.stdout).toMatch(/model: {3}http:\/\/127\.0\.0\.1:\d+\/v1 \(started by this run\)/);

    const second = await runExample(["What is my name?"], env);
    expect(second).toMatchObject({ status: 0, stderr: "", strays: false });
    expect(second.stdout).toContain("portkey: Your name is Grace.");
    expect(second.stdout).toContain("langchain: Your name is Grace.");
  });

  it("stops the gateway and the model it was starting when it gets SIGTERM", async () => {
    const server = await track(startServerProcess());
    const run = await runExample([], { BOTWIRE_URL: server.url }, async (pid) => {
      // The model stub is up and the gateway is starting: the moment to be stopped.
      while (!processesIn(pid).some((command) => command.includes("gateway/build/start-server"))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      process.kill(pid, "SIGTERM");
    });
    expect(run).toMatchObject({ status: 143, strays: false });
  });

  it("says what to check when the memory server is down, and leaves nothing running", async () => {
    const server = await startServerProcess();
    await server.stop(); // its port is now closed

    const run = await runExample([], { BOTWIRE_URL: server.url });
    expect(run.status).toBe(1);
    expect(run.strays).toBe(false);
    expect(run.stderr).toContain("BOTWIRE_URL");
  });
});
