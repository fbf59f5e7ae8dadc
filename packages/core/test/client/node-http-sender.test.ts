import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BotWireNetworkError, BotWireTimeoutError, Memory } from "../../src/index.js";
import { rejectionOf } from "./mock-memory.js";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const tls = {
  key: readFileSync(fixture("localhost-key.pem")),
  cert: readFileSync(fixture("localhost-cert.pem")),
};
const coreDir = fileURLToPath(new URL("../..", import.meta.url));
const entry = (value: unknown) =>
  JSON.stringify({
    key: "k",
    kind: "value",
    value,
    version: 1,
    createdAt: 1,
    updatedAt: 1,
    expiresAt: null,
  });

type Handle = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];

/** A loopback server (TLS with the self-signed localhost fixture when `secure`). */
async function serve(handle: Handle, secure = false): Promise<{ url: string; server: Server }> {
  const server = secure ? createTlsServer(tls, handle) : createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `${secure ? "https" : "http"}://127.0.0.1:${port}`, server };
}

afterEach(async () => {
  vi.unstubAllGlobals();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("the default transport on Node (keep-alive node:http)", () => {
  it("is used without a fetch option: the global fetch is never called", async () => {
    const globalFetch = vi.fn(() => Promise.reject(new Error("global fetch must not be used")));
    vi.stubGlobal("fetch", globalFetch);
    const { url } = await serve((_req, res) => res.end(entry("via node:http")));
    expect(await new Memory("t", { url }).get("k")).toBe("via node:http");
    expect(globalFetch).not.toHaveBeenCalled();
  });

  it("reuses one connection for sequential calls (keep-alive)", async () => {
    const { url, server } = await serve((_req, res) => res.end(entry(1)));
    let connections = 0;
    server.on("connection", () => connections++);
    const memory = new Memory("t", { url });
    for (let i = 0; i < 10; i++) await memory.get("k");
    expect(connections).toBe(1);
  });

  it("sends and reads bodies of several MiB whole, multi-byte characters across chunks", async () => {
    const value = "é€😀".repeat(400_000); // ~4 MiB of UTF-8
    const { url } = await serve(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const sent = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { value: string };
      expect(req.headers["content-length"]).toBe(String(Buffer.concat(chunks).length));
      res.end(entry(sent.value));
    });
    // The stub answers the PUT with what it received; set() returns the answer's fields.
    const answer = await new Memory("t", { url }).set("k", value);
    expect((answer as unknown as { value: string }).value).toBe(value);
  });

  it("maps a hang-up mid-answer to a network error and never resends an append", async () => {
    let requests = 0;
    const { url } = await serve((_req, res) => {
      requests++;
      res.writeHead(200, { "content-length": "100", "content-type": "application/json" });
      res.write('{"first":1,');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const memory = new Memory("t", { url, retry: { retries: 3, backoff: () => 1 } });
    const error = await rejectionOf(memory.append("l", [1]));
    expect(BotWireNetworkError.isInstance(error)).toBe(true);
    expect(requests).toBe(1);
    await rejectionOf(memory.get("k")); // an idempotent read is retried
    expect(requests).toBe(5);
  });

  it("times out an answer that stalls after its headers (the body read is within the limit)", async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"key":');
    });
    const started = Date.now();
    const error = await rejectionOf(new Memory("t", { url, timeoutMs: 50, retry: false }).get("k"));
    expect(BotWireTimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("speaks TLS to https URLs and verifies the certificate", async () => {
    const { url } = await serve((_req, res) => res.end(entry("secret")), true);
    const error = await rejectionOf(new Memory("t", { url, retry: false }).get("k"));
    expect(BotWireNetworkError.isInstance(error)).toBe(true);
    expect(String((error as Error).cause)).toMatch(/self[- ]signed/i);
  });

  it("a script using the client over TLS exits by itself: idle pooled sockets are unref'd", async () => {
    const { url } = await serve((_req, res) => res.end(entry("over tls")), true);
    const script = `import { Memory } from "@botwire/core";
      const memory = new Memory("t", { url: ${JSON.stringify(url)} });
      console.log(await memory.get("k"), await memory.get("k"));
      console.error(Date.now());`;
    const { stdout, stderr, exitedAt } = await new Promise<{
      stdout: string;
      stderr: string;
      exitedAt: number;
    }>((resolve, reject) => {
      execFile(
        process.execPath,
        ["--input-type=module", "-e", script],
        // The client trusts the fixture's certificate the way a user trusts a private CA.
        {
          cwd: coreDir,
          timeout: 15_000,
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: fileURLToPath(fixture("localhost-cert.pem")),
          },
        },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`${error.message}\n${stderr}`))
            : resolve({ stdout, stderr, exitedAt: Date.now() }),
      );
    });
    expect(stdout.trim()).toBe("over tls over tls");
    // Its last call done, the process ended well before the pool's 4 s idle timeout (and the
    // server's 5 s keep-alive) would have closed the connection: it did not wait for it.
    expect(exitedAt - Number(stderr.trim())).toBeLessThan(2_500);
  });
});
