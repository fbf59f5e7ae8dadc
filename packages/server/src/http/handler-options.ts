import { DEFAULT_LIMITS, type Limits } from "@botwire/core/protocol";
import type { StorageCap } from "../store/store.js";
import type { AccessOptions } from "./access-control.js";
import type { ServerMetrics } from "./server-metrics.js";

/** The slice of a logger the handler uses; a pino logger fits. */
export interface HandlerLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  /** Routine events nobody needs to act on (a client hanging up mid-request). */
  debug?(details: object, message: string): void;
  /** A logger whose lines all carry `bindings` (the request id); pino's `child` fits. */
  child?(bindings: Record<string, unknown>): HandlerLogger;
}

/** Options of {@link createHandler}. */
export interface HandlerOptions extends AccessOptions {
  /**
   * Serves the inspector page at `/ui` (with an admin token configured, it asks for it).
   * @default false
   */
  ui?: boolean;
  /** Origins allowed to call from a browser (CORS). @default none: CORS off */
  corsOrigins?: string[];
  /** Protocol limits; unset ones keep the defaults of docs/protocol.md. */
  limits?: Partial<Limits>;
  /** Largest request body of an append, replace or batch, in bytes. @default 16777216 (16 MiB) */
  maxBodyBytes?: number;
  /**
   * Bytes a namespace's live values and list items may hold. A write that would take it past
   * this is refused (429) and writes nothing; the store checks it in the write's transaction.
   * @default no cap
   */
  storageQuotaBytes?: number;
  /** The clock (epoch ms) that decides expiry. Tests pass a movable one. @default Date.now */
  now?: () => number;
  /** Where unexpected errors are reported. @default silent */
  logger?: HandlerLogger;
  /**
   * The metrics `GET /metrics` exports; pass one to also count the sweeper's work
   * (`startSweeper(metrics.instrument(store))`). @default a new {@link ServerMetrics}
   */
  metrics?: ServerMetrics;
}

/** Options with every default filled in. */
export interface ResolvedHandlerOptions {
  limits: Limits;
  maxBodyBytes: number;
  /** Body limit of a single-value write: the value plus room for its JSON envelope. */
  maxValueBodyBytes: number;
  /** Body limit of a token grant. */
  maxTokenBodyBytes: number;
  now: () => number;
  logger: HandlerLogger;
  /** The storage quota, as every write hands it to the store. */
  storageCap: StorageCap;
}

const SILENT: HandlerLogger = { error() {}, warn() {} };

/** Fills in the defaults of {@link HandlerOptions}. */
export function resolveHandlerOptions(options: HandlerOptions = {}): ResolvedHandlerOptions {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = options.now ?? Date.now;
  return {
    limits,
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    maxValueBodyBytes: limits.maxValueBytes + 64 * 1024,
    maxTokenBodyBytes: 64 * 1024,
    // The protocol's times are integer milliseconds, whatever clock a caller passes in.
    now: () => Math.floor(clock()),
    logger: options.logger ?? SILENT,
    storageCap: { maxNamespaceBytes: options.storageQuotaBytes },
  };
}
