export * from "./error-codes.js";
export * from "./json-depth.js";
export * from "./limits.js";
export * from "./names.js";
export * from "./ttl.js";
export type * from "./wire.js";
