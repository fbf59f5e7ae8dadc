import { Memory } from "@botwire/core";
import { registerMemoryResource } from "./memory-resource.js";
import { AjvJsonSchemaValidator, McpServer } from "./sdk.js";
import { appendHistory } from "./tools/append-history.js";
import { forget } from "./tools/forget.js";
import { listMemories } from "./tools/list-memories.js";
import { registerMemoryTool } from "./tools/memory-tool.js";
import { readHistory } from "./tools/read-history.js";
import { recall } from "./tools/recall.js";
import { remember } from "./tools/remember.js";
import { VERSION } from "./version.js";

let sharedValidator: AjvJsonSchemaValidator | undefined;

/** Options of {@link createMemoryServer}. */
export interface MemoryServerOptions {
  /**
   * The client every tool uses: its namespace, server URL, token, timeout and retries.
   * @default new Memory("mcp") (BOTWIRE_URL and BOTWIRE_TOKEN from the environment)
   */
  memory?: Memory;
}

/**
 * An MCP server that gives any MCP host persistent memory: the tools `remember`, `recall`,
 * `forget`, `list_memories`, `append_history` and `read_history`, and the resources
 * `memory://{namespace}/{key}`. Connect it to one transport (stdio, streamable HTTP, in-memory).
 *
 * @example
 * ```ts
 * const server = createMemoryServer({ memory: new Memory("assistant") });
 * await server.connect(new StdioServerTransport());
 * ```
 */
export function createMemoryServer(options: MemoryServerOptions = {}): McpServer {
  // One validator for every server: an McpServer would build its own Ajv instance (about 1 ms),
  // and the stateless HTTP endpoint builds a server per request.
  sharedValidator ??= new AjvJsonSchemaValidator();
  const memory = options.memory ?? new Memory("mcp");
  const server = new McpServer(
    { name: "botwire-mcp", title: "BotWire memory", version: VERSION },
    {
      jsonSchemaValidator: sharedValidator,
      instructions: `Persistent memory shared across sessions (namespace '${memory.namespace}'). At the start of a task, look for what you already know: list_memories, then recall or read_history. Remember durable facts, preferences and decisions with remember; keep running logs with append_history. Forget only what the user asks to forget or what is wrong.`,
    },
  );
  registerMemoryTool(server, memory, remember);
  registerMemoryTool(server, memory, recall);
  registerMemoryTool(server, memory, forget);
  registerMemoryTool(server, memory, listMemories);
  registerMemoryTool(server, memory, appendHistory);
  registerMemoryTool(server, memory, readHistory);
  registerMemoryResource(server, memory);
  return server;
}
