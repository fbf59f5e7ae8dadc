import type { Memory } from "@botwire/core";
import type { z } from "zod";
import { describeError } from "../describe-error.js";
import type { McpServer, ToolAnnotations } from "../sdk.js";
import { toolError, toolResult } from "../tool-result.js";

/**
 * One MCP tool over a {@link Memory}: its schemas, the words a model reads to pick it, and the
 * call. Described once; {@link registerMemoryTool} derives the registration and error handling.
 */
export interface MemoryTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape> {
  name: string;
  title: string;
  /** What the tool does and when to use it, written for the model. */
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  /**
   * The advice when the key holds the other kind (a value where a history was meant, or back);
   * absent for tools that work on either kind.
   */
  wrongKind?(args: z.infer<z.ZodObject<Input>>): string;
  run(
    memory: Memory,
    args: z.infer<z.ZodObject<Input>>,
  ): Promise<z.infer<z.ZodObject<Output>> & Record<string, unknown>>;
}

/**
 * Registers `tool` on `server`. Arguments arrive validated by the SDK against `tool.input`;
 * every failure comes back as a tool error whose message says what to do, so no call can
 * take the server down.
 */
export function registerMemoryTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
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
    // The SDK's callback type is generic over zod 3 and 4 shapes; ours are zod 4.
    (async (args: z.infer<z.ZodObject<Input>>) => {
      try {
        return toolResult(await tool.run(memory, args));
      } catch (error) {
        return toolError(describeError(error, tool.wrongKind?.(args)));
      }
    }) as never,
  );
}
