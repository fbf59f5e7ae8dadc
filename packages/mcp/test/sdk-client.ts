// The SDK's own client side, in one place for every test (as src/sdk.ts is for the server).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { McpServer } from "../src/sdk.js";

export { Client, StdioClientTransport, StreamableHTTPClientTransport };

/** A client connected to `server` through the SDK's in-memory transport pair. */
export async function connectInMemory(server: McpServer): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "0" });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

/** A tool call's outcome: its structured result, or its error text. */
export interface CallOutcome {
  isError: boolean;
  structured: Record<string, unknown> | undefined;
  text: string;
}

/** Calls `name` and returns what a host would show the model. */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallOutcome> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text?: string }[];
  return {
    isError: result.isError === true,
    structured: result.structuredContent as Record<string, unknown> | undefined,
    text: content.map((part) => part.text ?? "").join(""),
  };
}
