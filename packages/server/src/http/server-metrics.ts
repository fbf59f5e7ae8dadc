import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { type EngineGauges, hasEngineTelemetry } from "../store/engine-telemetry.js";
import { StoreQuotaError } from "../store/store-errors.js";

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const METHODS = new Set(["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"]);
// The store calls timed by operation name: a fixed list, so the label stays bounded.
const OPERATIONS = new Set([
  "get",
  "put",
  "delete",
  "listKeys",
  "batch",
  "append",
  "range",
  "replaceList",
  "clearNamespace",
  "sweepExpired",
  "listRecent",
  "stats",
  "listNamespaces",
  "putToken",
  "findToken",
  "listTokens",
  "revokeToken",
  "consumeWrites",
]);
const ENGINE_GAUGES: Record<keyof EngineGauges, { name: string; help: string }> = {
  poolInUse: {
    name: "botwire_postgres_pool_connections_in_use",
    help: "PostgreSQL pool connections checked out.",
  },
  poolWaiting: {
    name: "botwire_postgres_pool_waiting",
    help: "Calls waiting for a PostgreSQL pool connection.",
  },
  walBytes: { name: "botwire_sqlite_wal_bytes", help: "Bytes of the SQLite write-ahead log." },
};

let processRegistry: Registry | undefined;

/**
 * Process and runtime metrics (RSS, CPU, event-loop lag, GC, handles): one set per process,
 * since every handler in it runs in the same process, and started once, since each start adds
 * an event-loop monitor and a GC observer that live as long as the process.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one handler, in a registry of its own (two servers in one process never share
 * series), exported by `GET /metrics` with the process metrics. Labels are route patterns,
 * statuses, engines and operation names: nothing a caller chooses (no keys, no namespaces), so
 * the number of series stays bounded whatever the traffic.
 */
export class ServerMetrics {
  readonly #registry = new Registry();
  readonly #requests = new Counter({
    name: "botwire_http_requests_total",
    help: "HTTP requests served, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.#registry],
  });
  readonly #requestSeconds = new Histogram({
    name: "botwire_http_request_duration_seconds",
    help: "Time to serve a request, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: SECONDS,
    registers: [this.#registry],
  });
  readonly #storeSeconds = new Histogram({
    name: "botwire_store_operation_duration_seconds",
    help: "Time of a store call, by engine and operation (failed calls included).",
    labelNames: ["engine", "operation"] as const,
    buckets: SECONDS,
    registers: [this.#registry],
  });
  readonly #quotaRefusals = new Counter({
    name: "botwire_quota_refusals_total",
    help: "Writes refused by a quota: `writes` (daily write quota) or `storage` (storage cap).",
    labelNames: ["quota"] as const,
    registers: [this.#registry],
  });
  readonly #swept = new Counter({
    name: "botwire_expired_rows_swept_total",
    help: "Expired keys deleted by the sweeper.",
    registers: [this.#registry],
  });

  /** Records one served request. */
  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method: METHODS.has(method) ? method : "other", route, status };
    this.#requests.inc(labels);
    this.#requestSeconds.observe(labels, seconds);
  }

  /**
   * `store` with its calls timed, its quota refusals and sweeps counted, and its engine's gauges
   * exported. The store itself is untouched: engines know nothing of metrics.
   */
  instrument<S extends object>(store: S): S {
    const engine = hasEngineTelemetry(store) ? store.engine : "unknown";
    if (hasEngineTelemetry(store)) this.#exportGauges(() => store.gauges());
    const observe = async (operation: string, call: () => Promise<unknown>) => {
      const stop = this.#storeSeconds.startTimer({ engine, operation });
      try {
        const result = await call();
        if (operation === "sweepExpired") this.#swept.inc(result as number);
        if (operation === "consumeWrites" && !(result as { allowed: boolean }).allowed) {
          this.#quotaRefusals.inc({ quota: "writes" });
        }
        return result;
      } catch (error) {
        if (error instanceof StoreQuotaError) this.#quotaRefusals.inc({ quota: "storage" });
        throw error;
      } finally {
        stop();
      }
    };
    // Wrappers are made once per method (not on every call), and anew for a replaced method.
    const wrappers = new WeakMap<object, unknown>();
    return new Proxy(store, {
      get(target, property) {
        const member = Reflect.get(target, property, target);
        if (typeof member !== "function") return member;
        let wrapper = wrappers.get(member);
        if (wrapper === undefined) {
          // Called on the store itself: engines keep #private fields, which a proxy cannot reach.
          wrapper =
            typeof property === "string" && OPERATIONS.has(property)
              ? (...args: unknown[]) => observe(property, () => member.apply(target, args))
              : member.bind(target);
          wrappers.set(member, wrapper);
        }
        return wrapper;
      },
    });
  }

  /** The exposition text of `GET /metrics`, with its content type. */
  async render(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([processMetrics(), this.#registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }

  #exportGauges(read: () => EngineGauges): void {
    for (const field of Object.keys(read()) as (keyof EngineGauges)[]) {
      const { name, help } = ENGINE_GAUGES[field];
      if (this.#registry.getSingleMetric(name)) continue;
      new Gauge({
        name,
        help,
        registers: [this.#registry],
        collect() {
          this.set(read()[field] ?? 0);
        },
      });
    }
  }
}
