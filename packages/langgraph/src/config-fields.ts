import { BotWireValidationError } from "@botwire/core";
import type { RunnableConfig } from "@langchain/core/runnables";

/** `config.configurable[field]` as a string (LangGraph accepts numeric thread ids too). */
export function configField(
  config: RunnableConfig,
  field: "thread_id" | "checkpoint_ns" | "checkpoint_id",
): string | undefined {
  const value = config.configurable?.[field] as unknown;
  // An empty checkpoint_id means "the latest", as in LangGraph's getCheckpointId.
  const absent =
    value === undefined || value === null || (field === "checkpoint_id" && value === "");
  return absent ? undefined : String(value);
}

/**
 * `config.configurable[field]`, or a validation error naming it, before anything is sent.
 * @throws {BotWireValidationError} `invalid_request` with `details.field`
 */
export function requireConfigField(
  config: RunnableConfig,
  field: "thread_id" | "checkpoint_id",
  method: string,
): string {
  const value = configField(config, field);
  if (value !== undefined) return value;
  throw new BotWireValidationError({
    statusCode: 0,
    code: "invalid_request",
    message: `${method} needs config.configurable.${field}: pass it, e.g. graph.invoke(input, { configurable: { thread_id: "user-42" } }).`,
    details: { field },
  });
}
