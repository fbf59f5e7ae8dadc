import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Memory } from "@botwire/core";
import { getRequestListener } from "@hono/node-server";
import { createMcpHttpHandler } from "../create-mcp-http-handler.js";
import { createMemoryServer } from "../create-memory-server.js";
import { LOOPBACK_HOSTS } from "../host-check.js";
import { StdioServerTransport } from "../sdk.js";
import type { CliConfig } from "./cli-config.js";

/**
 * Serves what the CLI describes: stdio (stdout carries protocol messages only, so every log
 * line goes to stderr), or streamable HTTP until SIGINT / SIGTERM.
 */
export async function runCli(config: CliConfig, log: (line: string) => void): Promise<void> {
  const memoryOptions = { url: config.url, token: config.token };
  const target = `namespace '${config.namespace}' on ${config.url}`;
  if (!config.http) {
    const server = createMemoryServer({ memory: new Memory(config.namespace, memoryOptions) });
    await server.connect(new StdioServerTransport());
    log(`serving ${target} over stdio`);
    return;
  }
  const handler = createMcpHttpHandler({
    namespace: config.namespace,
    memory: memoryOptions,
    allowedHosts: config.allowedHosts,
  });
  const server = createServer(getRequestListener(handler));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { address, port, family } = server.address() as AddressInfo;
  const url = `http://${family === "IPv6" ? `[${address}]` : address}:${port}/mcp`;
  log(
    `serving ${target} over streamable HTTP at ${url} (allowed hosts: ${config.allowedHosts.join(", ")})`,
  );
  if (config.token && !LOOPBACK_HOSTS.includes(config.host)) {
    log(
      "warning: every client that reaches this port acts with BOTWIRE_TOKEN. On a shared server give botwire-mcp no token and let each client send its own (Authorization: Bearer <token>).",
    );
  }
  const stop = () => {
    server.close();
    server.closeIdleConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
