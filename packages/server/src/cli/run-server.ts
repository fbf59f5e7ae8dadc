import { resolve } from "node:path";
import { pino } from "pino";
import { createHandler } from "../http/create-handler.js";
import { ServerMetrics } from "../http/server-metrics.js";
import { serve } from "../node/serve.js";
import { isPostgresUrl, openStore, redactDb } from "../store/open-store.js";
import { startSweeper } from "../sweeper.js";
import type { CliConfig } from "./cli-config.js";

/**
 * Starts the server the CLI describes and shuts it down gracefully on SIGINT / SIGTERM:
 * stop accepting, let in-flight requests finish, stop the sweeper, close the database.
 */
export async function runServer(config: CliConfig): Promise<void> {
  const logger = pino(
    { name: "botwire-server", level: config.logLevel },
    // Loaded only for people reading a terminal: JSON needs no formatter and starts faster.
    config.logFormat === "pretty"
      ? (await import("pino-pretty")).default({ sync: true, ignore: "pid,hostname,name" })
      : undefined,
  );
  const dbPath = isPostgresUrl(config.db) ? redactDb(config.db) : resolve(config.db);
  const { poolSize, connectTimeoutMs, statementTimeoutMs, lockTimeoutMs } = config;
  const store = await openStore(isPostgresUrl(config.db) ? config.db : dbPath, {
    poolSize,
    connectTimeoutMs,
    statementTimeoutMs,
    lockTimeoutMs,
  }).catch((error: unknown) => {
    throw new Error(`cannot open the database ${dbPath}: ${rootCause(error)}`, { cause: error });
  });
  const { adminToken, writeQuota, storageQuotaBytes, corsOrigins, ui } = config;
  const metrics = new ServerMetrics();
  const handler = createHandler(store, {
    metrics,
    limits: config.limits,
    logger,
    adminToken,
    writeQuota,
    storageQuotaBytes,
    corsOrigins,
    ui,
  });
  if (adminToken === undefined) {
    logger.warn(
      "OPEN MODE: no --admin-token (BOTWIRE_ADMIN_TOKEN), so anyone who can reach this port can read and write every namespace. Set an admin token before exposing the server beyond this machine.",
    );
  }
  const server = await serve(handler, {
    port: config.port,
    host: config.host,
    maxBufferedResponseBytes: config.maxBufferedResponseBytes,
    responseStallTimeoutMs: config.responseStallTimeoutMs,
  });
  const sweeper = startSweeper(metrics.instrument(store), {
    intervalMs: config.sweepIntervalMs,
    onError: (error) => logger.warn({ err: error }, "sweep of expired keys failed"),
  });
  logger.info(
    { url: server.url, db: dbPath },
    `botwire-server listening on ${server.url} (data: ${dbPath})`,
  );
  if (ui) logger.info({ url: `${server.url}/ui` }, `inspector page at ${server.url}/ui`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    await server.close();
    await sweeper.stop();
    await store.close();
    logger.info("stopped; database closed cleanly");
    logger.flush();
    process.exitCode = 0;
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

// The store wraps driver failures (StoreUnavailableError); the operator needs the driver's own
// words: "connect ECONNREFUSED 127.0.0.1:5999", "getaddrinfo ENOTFOUND db.internal", ...
function rootCause(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  const message = inner instanceof Error ? inner.message : String(inner);
  return message || ((inner as NodeJS.ErrnoException).code ?? "unknown error");
}
