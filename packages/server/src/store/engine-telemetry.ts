/** Point-in-time figures of a storage engine, for `GET /metrics`. Absent ones do not apply. */
export interface EngineGauges {
  /** PostgreSQL: pool connections checked out. */
  poolInUse?: number;
  /** PostgreSQL: calls waiting for a pool connection. */
  poolWaiting?: number;
  /** SQLite: bytes of the write-ahead log file. */
  walBytes?: number;
}

/**
 * What an engine tells the metrics: its name (the `engine` label) and its gauges. Optional:
 * the handler detects it ({@link hasEngineTelemetry}); an engine without it is labelled
 * `unknown` and exports no engine gauges.
 */
export interface EngineTelemetry {
  /** A short, fixed name: `sqlite`, `postgres`. */
  readonly engine: string;
  /** The gauges now; cheap (no query), as a scrape calls it every time. */
  gauges(): EngineGauges;
}

/** Whether `store` implements {@link EngineTelemetry}. */
export function hasEngineTelemetry<S extends object>(store: S): store is S & EngineTelemetry {
  const candidate = store as Partial<EngineTelemetry>;
  return typeof candidate.engine === "string" && typeof candidate.gauges === "function";
}
