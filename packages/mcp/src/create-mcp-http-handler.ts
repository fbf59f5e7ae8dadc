import { Memory, type MemoryOptions } from "@botwire/core";
import { createMemoryServer } from "./create-memory-server.js";
import { LOOPBACK_HOSTS, refuseHost } from "./host-check.js";
import { WebStandardStreamableHTTPServerTransport } from "./sdk.js";

/** Options of {@link createMcpHttpHandler}. */
export interface McpHttpHandlerOptions {
  /** The namespace the tools work in. @default "mcp" */
  namespace?: string;
  /**
   * How to reach the BotWire server (url, token, fetch, timeouts, retries). A request's own
   * `Authorization: Bearer <token>` replaces `token` for that request.
   * @default BOTWIRE_URL and BOTWIRE_TOKEN from the environment
   */
  memory?: MemoryOptions;
  /**
   * Hostnames (no port; IPv6 in brackets) that requests may name in `Host` and `Origin`; any
   * other is refused with 403 (DNS rebinding protection).
   * @default ["127.0.0.1", "localhost", "[::1]"]
   */
  allowedHosts?: readonly string[];
  /** The endpoint's path. @default "/mcp" */
  path?: string;
}

/**
 * The MCP streamable HTTP endpoint as a web-standard fetch handler (mount it on `node:http`,
 * Hono, Bun, Deno or a worker). Stateless: every POST gets its own server and transport and a
 * JSON answer, so any number of replicas can serve behind a load balancer. GET (a server-sent
 * event stream) and DELETE (a session) mean nothing without sessions: 405.
 *
 * @example
 * ```ts
 * const handler = createMcpHttpHandler({ namespace: "team", memory: { url: "http://127.0.0.1:8790" } });
 * Bun.serve({ fetch: handler, hostname: "127.0.0.1", port: 8799 });
 * ```
 */
export function createMcpHttpHandler(
  options: McpHttpHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const namespace = options.namespace ?? "mcp";
  // URL parsing lowercases the Host's name, so the list must be lowercase to match.
  const allowedHosts = (options.allowedHosts ?? LOOPBACK_HOSTS).map((host) => host.toLowerCase());
  const path = options.path ?? "/mcp";
  // Made once, so a bad namespace fails here rather than on every request.
  const memory = new Memory(namespace, options.memory);
  return async (request) => {
    const refused = refuseHost(request, allowedHosts);
    if (refused) return jsonRpcError(403, refused);
    if (new URL(request.url).pathname !== path) {
      return jsonRpcError(404, `Nothing here: the MCP endpoint is ${path}.`);
    }
    if (request.method !== "POST") {
      return jsonRpcError(405, "This server is stateless: send every message with POST.", {
        allow: "POST",
      });
    }
    const authorization = request.headers.get("authorization");
    const token = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    if (authorization !== null && token === undefined) {
      return jsonRpcError(401, 'Send the BotWire token as "Authorization: Bearer <token>".');
    }
    const server = createMemoryServer({
      memory: token ? new Memory(namespace, { ...options.memory, token }) : memory,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      // In JSON mode the answer is complete when this resolves: nothing is left to stream.
      return await transport.handleRequest(request);
    } finally {
      await server.close();
    }
  };
}

function jsonRpcError(status: number, message: string, headers: Record<string, string> = {}) {
  return Response.json(
    { jsonrpc: "2.0", error: { code: -32000, message }, id: null },
    { status, headers },
  );
}
