export {
  createMcpHttpHandler,
  type McpHttpHandlerOptions,
} from "./create-mcp-http-handler.js";
export { createMemoryServer, type MemoryServerOptions } from "./create-memory-server.js";
export { memoryUri } from "./memory-resource.js";
