import { BotWireValidationError } from "@botwire/core";
import { createMockServer, type MockServer } from "@botwire/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMcpHttpHandler } from "../src/create-mcp-http-handler.js";
import { Client, call, StreamableHTTPClientTransport } from "./sdk-client.js";

let mock: MockServer;
/** The Authorization header of every request that reached the BotWire mock. */
let seenTokens: (string | null)[];
let clients: Client[];

beforeEach(() => {
  mock = createMockServer();
  seenTokens = [];
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

function handler(options: Parameters<typeof createMcpHttpHandler>[0] = {}) {
  return createMcpHttpHandler({
    namespace: "http",
    ...options,
    memory: {
      url: mock.url,
      retry: false,
      fetch: (input, init) => {
        seenTokens.push(new Headers(init?.headers).get("authorization"));
        return mock.fetch(input, init);
      },
      ...options.memory,
    },
  });
}

/** An SDK client whose HTTP requests go straight to `serve`, with extra headers. */
async function connect(
  serve: (request: Request) => Promise<Response>,
  headers: Record<string, string> = {},
): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1:8799/mcp"), {
    fetch: (input, init) => serve(new Request(input, init)),
    requestInit: { headers },
  });
  const client = new Client({ name: "test", version: "0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

function post(url: string, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
}

describe("the MCP protocol over the handler", () => {
  it("serves tools statelessly: a second client sees what the first remembered", async () => {
    const serve = handler();
    const first = await connect(serve);
    expect((await call(first, "remember", { key: "k", value: "v" })).isError).toBe(false);
    const second = await connect(serve);
    expect((await call(second, "recall", { key: "k" })).structured).toMatchObject({ value: "v" });
    expect((await second.listTools()).tools).toHaveLength(6);
  });
});

describe("DNS rebinding protection", () => {
  it("refuses a Host that is not allowed, naming the flag that allows it", async () => {
    const response = await handler()(post("http://127.0.0.1:8799/mcp", { host: "evil.example" }));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("--allowed-hosts evil.example");
    expect(seenTokens).toEqual([]);
  });

  it("matches listed names whatever their case", async () => {
    const named = handler({ allowedHosts: ["MCP.Example.com"] });
    expect((await named(post("http://x/mcp", { host: "mcp.example.COM" }))).status).toBe(200);
  });

  it("accepts loopback names by default and listed names when given", async () => {
    for (const host of ["127.0.0.1:8799", "localhost:8799", "[::1]:8799"]) {
      expect((await handler()(post("http://127.0.0.1:8799/mcp", { host }))).status).toBe(200);
    }
    const named = handler({ allowedHosts: ["mcp.example.com"] });
    expect((await named(post("http://x/mcp", { host: "mcp.example.com" }))).status).toBe(200);
    expect((await named(post("http://x/mcp", { host: "localhost" }))).status).toBe(403);
  });

  it("refuses a browser page of another origin", async () => {
    const serve = handler();
    const evil = await serve(post("http://127.0.0.1:8799/mcp", { origin: "https://evil.example" }));
    expect(evil.status).toBe(403);
    const local = await serve(
      post("http://127.0.0.1:8799/mcp", { origin: "http://localhost:3000" }),
    );
    expect(local.status).toBe(200);
  });
});

describe("routes", () => {
  it("answers 404 off the endpoint and 405 for GET and DELETE", async () => {
    const serve = handler();
    expect((await serve(post("http://127.0.0.1:8799/other"))).status).toBe(404);
    for (const method of ["GET", "DELETE"]) {
      const response = await serve(new Request("http://127.0.0.1:8799/mcp", { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("answers a body that is not JSON-RPC with 400, and serves the next request", async () => {
    const serve = handler();
    const bad = new Request("http://127.0.0.1:8799/mcp", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: "{not json",
    });
    expect((await serve(bad)).status).toBe(400);
    expect((await serve(post("http://127.0.0.1:8799/mcp"))).status).toBe(200);
  });
});

describe("tokens", () => {
  it("uses a request's bearer token for its BotWire calls, else the configured one", async () => {
    const serve = handler({ memory: { token: "configured" } });
    await call(await connect(serve), "recall", { key: "k" });
    await call(await connect(serve, { authorization: "Bearer per-request" }), "recall", {
      key: "k",
    });
    expect(seenTokens).toEqual(["Bearer configured", "Bearer per-request"]);
  });

  it("refuses an Authorization header that is not a bearer token", async () => {
    const response = await handler()(
      post("http://127.0.0.1:8799/mcp", { authorization: "Basic eDp5" }),
    );
    expect(response.status).toBe(401);
  });

  it("refuses a bad namespace when made, not per request", () => {
    expect(() => createMcpHttpHandler({ namespace: "no spaces" })).toThrow(BotWireValidationError);
  });
});
