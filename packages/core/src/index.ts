export { Memory } from "./client/memory.js";
export type { MemoryOptions, RetryOptions } from "./client/memory-options.js";
export type { Entry, RangeOptions, SetOptions } from "./client/memory-types.js";
export * from "./errors/index.js";
export type {
  AppendResponse,
  BatchOp,
  BatchResult,
  EntryKind,
  JsonValue,
  KeyInfo,
  ListItem,
  ListKeysResponse,
  RangeResponse,
  ReplaceListResponse,
  WriteResult,
} from "./protocol/wire.js";
