// Starts the Portkey gateway and the local model stub as separate processes: the example uses
// them when PORTKEY_GATEWAY_URL / MODEL_BASE_URL are not set, and the smoke tests use them
// to stand the whole setup up on free ports.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const GATEWAY_BIN = join(
  dirname(createRequire(import.meta.url).resolve("@portkey-ai/gateway/package.json")),
  "build/start-server.js",
);
const MODEL_STUB = fileURLToPath(new URL("model-stub.mjs", import.meta.url));

/** Stop functions of the processes started here and still running. */
const running = new Set();
let stopping = false;

/**
 * Stops every process started here, ready or still starting (on exit and on signals), and
 * starts no more: a start under way (the gateway's retry) fails instead of leaving a process.
 */
export function stopAllProcesses() {
  stopping = true;
  return Promise.all([...running].map((stop) => stop()));
}

/**
 * Runs `node ...args`; once `waitForUrl(child, output)` gives the URL it serves, resolves with
 * `{ url, child, output(), stop() }`. `stop()` ends it (SIGTERM, SIGKILL after 5 s).
 */
async function startProcess(name, args, waitForUrl) {
  if (stopping) throw new Error(`not starting ${name}: stopping`);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      output += chunk;
    });
  }
  const exited = once(child, "exit");
  running.add(stop);
  void exited.then(() => running.delete(stop));
  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  let timer;
  try {
    const url = await Promise.race([
      waitForUrl(child, () => output),
      exited.then(([code]) => {
        throw new Error(`${name} exited with ${code} before it was ready:\n${output}`);
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${name} not ready in 20 s:\n${output}`)),
          20_000,
        );
      }),
    ]);
    return { url, child, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The local OpenAI-compatible model stub (`model-stub.mjs`) on an ephemeral 127.0.0.1 port. */
export function startModelStubProcess() {
  return startProcess("the model stub", [MODEL_STUB, "--port", "0"], async (child, output) => {
    const listening = () => /listening on (\S+)/.exec(output())?.[1];
    while (!listening()) await once(child.stdout, "data");
    return listening();
  });
}

/** A port free right now on every interface (the gateway binds all of them). */
async function freePort() {
  const server = createServer();
  server.listen(0);
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

/**
 * The real Portkey gateway (`@portkey-ai/gateway`) on a free port; resolves with its `/v1` URL
 * once it answers. It takes only `--port=N` and binds every interface, so the port is picked
 * first: another process may take it in between, then the gateway exits and we retry.
 */
export async function startGatewayProcess({ attempts = 3 } = {}) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startProcess(
        "the Portkey gateway",
        [GATEWAY_BIN, `--port=${port}`, "--headless"],
        (child) => waitForGateway(`http://127.0.0.1:${port}`, child),
      );
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

async function waitForGateway(origin, child) {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(origin);
      if (response.ok) return `${origin}/v1`;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the gateway exited"); // startProcess reports it with the output
}
