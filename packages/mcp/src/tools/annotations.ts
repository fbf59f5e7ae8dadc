import type { ToolAnnotations } from "../sdk.js";

// Every tool works on the BotWire server alone: none reaches into an open world.

/** Reads only. */
export const READS: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };

/** Replaces or deletes what a key held; doing it twice changes nothing more. */
export const OVERWRITES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
};

/** Adds without destroying; doing it twice adds twice. */
export const ADDS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};
