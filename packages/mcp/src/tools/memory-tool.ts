import type { Memory } from "@botwire/core";
import type { z } from "zod";
import { describeError } from "../describe-error.js";
import type { McpServer, ToolAnnotations } from "../sdk.js";
import { toolError, toolResult } from "../tool-result.js";

/** An object schema of tool arguments or results. */
type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * One MCP tool over a {@link Memory}: its schemas, the words a model reads to pick it, and the
 * call. Described once; {@link registerMemoryTool} derives the registration and error handling.
 */
export interface MemoryTool<Input extends ObjectSchema, Output extends ObjectSchema> {
  name: string;
  title: string;
  /** What the tool does and when to use it, written for the model. */
  description: string;
  /**
   * The arguments. A schema built once (not a raw shape, which the SDK would wrap anew for
   * every server: the stateless HTTP endpoint builds one per request).
   */
  input: Input;
  /** The structured result. */
  output: Output;
  annotations: ToolAnnotations;
  /**
   * The advice when the key holds the other kind (a value where a history was meant, or back);
   * absent for tools that work on either kind.
   */
  wrongKind?(args: z.infer<Input>): string;
  run(memory: Memory, args: z.infer<Input>): Promise<z.infer<Output> & Record<string, unknown>>;
}

/**
 * Registers `tool` on `server`. Arguments arrive validated by the SDK against `tool.input`;
 * every failure comes back as a tool error whose message says what to do, so no call can
 * take the server down.
 */
export function registerMemoryTool<Input extends ObjectSchema, Output extends ObjectSchema>(
  server: McpServer,
  memory: Memory,
  tool: MemoryTool<Input, Output>,
): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
    },
    // The SDK's callback type is generic over zod 3 and 4 schemas; ours are zod 4.
    (async (args: z.infer<Input>) => {
      try {
        return toolResult(await tool.run(memory, args));
      } catch (error) {
        return toolError(describeError(error, tool.wrongKind?.(args)));
      }
    }) as never,
  );
}
