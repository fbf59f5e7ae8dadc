export type { CliConfig } from "./cli/cli-config.js";
export { createHandler, type FetchHandler } from "./http/create-handler.js";
export type { HandlerLogger, HandlerOptions } from "./http/handler-options.js";
export { type ServeOptions, type ServerHandle, serve } from "./node/serve.js";
export { SqliteStore, type SqliteStoreOptions } from "./store/sqlite/sqlite-store.js";
export type * from "./store/store.js";
export { StoreConflictError, StoreUnavailableError } from "./store/store-errors.js";
export { type Sweeper, type SweeperOptions, startSweeper } from "./sweeper.js";
