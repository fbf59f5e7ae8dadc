export type { CliConfig } from "./cli/cli-config.js";
export { DUMP_HEADER, DUMP_VERSION } from "./dump/dump-format.js";
export { DumpFormatError } from "./dump/dump-format-error.js";
export { type DumpCounts, type ExportDumpOptions, exportDump } from "./dump/export-dump.js";
export { type ImportCounts, type ImportDumpOptions, importDump } from "./dump/import-dump.js";
export { createHandler, type FetchHandler } from "./http/create-handler.js";
export type { HandlerLogger, HandlerOptions } from "./http/handler-options.js";
export { acceptRequestId, REQUEST_ID_HEADER } from "./http/request-id.js";
export { ServerMetrics } from "./http/server-metrics.js";
export { type ServeOptions, type ServerHandle, serve } from "./node/serve.js";
export {
  DUMP_PAGE_ROWS,
  type DumpedEntry,
  type DumpedItem,
  type DumpLoader,
  type DumpOptions,
  type DumpStore,
  type DumpVisitor,
  hasDump,
  type LoadedItem,
} from "./store/dump-store.js";
export {
  type EngineGauges,
  type EngineTelemetry,
  hasEngineTelemetry,
} from "./store/engine-telemetry.js";
export {
  checkPrecondition,
  type EntryRow,
  isLive,
  sumBytes,
  toKeyInfo,
  toStoredEntry,
} from "./store/entry-row.js";
export { hasRecency } from "./store/has-recency.js";
export { LISTED_CHARS_SQL } from "./store/listed-chars-sql.js";
export {
  hasNamespaceListing,
  type ListNamespacesOptions,
  type NamespaceInfo,
  type NamespaceListing,
} from "./store/namespace-listing.js";
export { isPostgresUrl, type OpenStoreOptions, openStore } from "./store/open-store.js";
export { type ExistingEntry, existingEntry } from "./store/plan/existing-entry.js";
export {
  type AppendPlan,
  type ItemsToInsert,
  type ListEntry,
  listEntryAfter,
  planAppend,
  planReplace,
  type ReplacePlan,
} from "./store/plan/plan-list-write.js";
export { batchGetResult, nextAfterOf } from "./store/plan/plan-reads.js";
export {
  planDelete,
  planValueWrite,
  putResultOf,
  type ValueWritePlan,
} from "./store/plan/plan-value-write.js";
export { PostgresStore, type PostgresStoreOptions } from "./store/postgres/postgres-store.js";
export { call, type Program, runAsync, runSync, type Step } from "./store/program/program.js";
export { type ListRead, ProgramStore } from "./store/program/program-store.js";
export type { AsyncRowOps, RowOps, ValueRow } from "./store/program/row-ops.js";
export {
  appendItems,
  batchOps,
  deleteKey,
  putValue,
  replaceItems,
  writeTransaction,
} from "./store/program/write-programs.js";
export {
  type RecentKeyRow,
  type StatsRow,
  toRecentKey,
  toStoreStats,
} from "./store/recency-row.js";
export { SqliteStore, type SqliteStoreOptions } from "./store/sqlite/sqlite-store.js";
export { capToCheck, enforceCap, type Growth } from "./store/storage-cap.js";
export type * from "./store/store.js";
export {
  StoreConflictError,
  StoreLimitError,
  StoreQuotaError,
  StoreReadLimitError,
  StoreUnavailableError,
} from "./store/store-errors.js";
export { utcDay } from "./store/utc-day.js";
export { type Sweeper, type SweeperOptions, startSweeper } from "./sweeper.js";
