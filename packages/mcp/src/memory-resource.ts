import { BotWireWrongKindError, type JsonValue, type Memory } from "@botwire/core";
import { describeError } from "./describe-error.js";
import { type McpServer, type ReadResourceResult, ResourceTemplate } from "./sdk.js";

/** Keys the resource list shows: hosts list resources eagerly, so it stays one small page. */
const LIST_LIMIT = 100;
/** Newest items a history reads as. */
const HISTORY_WINDOW = 100;

/** The URI of `key` in `namespace`; the key is percent-encoded, so `/` and `,` survive. */
export function memoryUri(namespace: string, key: string): string {
  return `memory://${encodeURIComponent(namespace)}/${encodeURIComponent(key)}`;
}

/**
 * Registers the resource template `memory://{namespace}/{key}`: a remembered value reads as its
 * JSON, a history as its newest messages. The list shows the first keys of the namespace.
 */
export function registerMemoryResource(server: McpServer, memory: Memory): void {
  const template = new ResourceTemplate("memory://{namespace}/{key}", {
    list: async () => {
      const page = await memory.listPage({ limit: LIST_LIMIT }).catch((error: unknown) => {
        throw new Error(describeError(error));
      });
      return {
        resources: page.items.map((item) => ({
          uri: memoryUri(memory.namespace, item.key),
          name: item.key,
          mimeType: "application/json",
          description: item.kind === "list" ? "chat history" : "remembered value",
        })),
      };
    },
  });
  server.registerResource(
    "memory",
    template,
    {
      title: "BotWire memory",
      description: `A remembered value (its JSON) or a chat history (its newest ${HISTORY_WINDOW} messages). The list shows the first ${LIST_LIMIT} keys; list_memories pages through all.`,
      mimeType: "application/json",
    },
    async (uri, variables): Promise<ReadResourceResult> => {
      const namespace = decodeURIComponent(String(variables.namespace));
      const key = decodeURIComponent(String(variables.key));
      if (namespace !== memory.namespace) {
        throw new Error(
          `This server serves the namespace '${memory.namespace}', not '${namespace}': read ${memoryUri(memory.namespace, key)}, or run another botwire-mcp with BOTWIRE_NAMESPACE=${namespace}.`,
        );
      }
      const value = await read(memory, key);
      if (value === undefined) {
        throw new Error(
          `Nothing is stored under '${key}' (never remembered, forgotten or expired).`,
        );
      }
      return {
        contents: [
          { uri: uri.href, mimeType: "application/json", text: JSON.stringify(value, null, 2) },
        ],
      };
    },
  );
}

async function read(memory: Memory, key: string): Promise<JsonValue | undefined> {
  try {
    return (await memory.getEntry(key))?.value;
  } catch (error) {
    if (!BotWireWrongKindError.isInstance(error)) throw new Error(describeError(error));
    const items = await memory.range(key, { last: HISTORY_WINDOW });
    return items.map((item) => item.value);
  }
}
