import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Limits } from "@botwire/core/protocol";

/** Everything the CLI needs to start a server. */
export interface CliConfig {
  port: number;
  host: string;
  db: string;
  logLevel: string;
  /** `pretty`: human-readable lines; `json`: one JSON object per line (for log collectors). */
  logFormat: "pretty" | "json";
  limits: Partial<Limits>;
  /** Bytes of replies that may wait for slow readers (see `ServeOptions`). */
  maxBufferedResponseBytes?: number;
  /** Milliseconds a reply may wait for its reader to take any of it. */
  responseStallTimeoutMs?: number;
  sweepIntervalMs: number;
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  adminToken?: string;
  writeQuota?: number;
  storageQuotaBytes?: number;
  corsOrigins?: string[];
  /** Serve the inspector page at `/ui`. */
  ui: boolean;
}

/** Where the server and every subcommand find the SQLite database when none is given. */
export const DEFAULT_DB = "./botwire-data/botwire.db";

/** A flag, its environment variable, and its help line. */
interface Flag {
  env: string;
  help: string;
  fallback?: string;
}

const FLAGS = {
  port: { env: "BOTWIRE_PORT", help: "port to listen on (0 = any free port)", fallback: "8790" },
  host: { env: "BOTWIRE_HOST", help: "interface to bind", fallback: "127.0.0.1" },
  db: {
    env: "BOTWIRE_DB",
    help: "SQLite file (created on first run), or postgres://user@host/db[?schema=name]",
    fallback: DEFAULT_DB,
  },
  "pool-size": {
    env: "BOTWIRE_POOL_SIZE",
    help: "PostgreSQL connections per replica",
    fallback: "10",
  },
  "connect-timeout": {
    env: "BOTWIRE_CONNECT_TIMEOUT",
    help: "ms to wait for a PostgreSQL connection before answering 503",
    fallback: "5000",
  },
  "statement-timeout": {
    env: "BOTWIRE_STATEMENT_TIMEOUT",
    help: "ms a PostgreSQL statement may run (or the database stay silent) before 503",
    fallback: "5000",
  },
  "lock-timeout": {
    env: "BOTWIRE_LOCK_TIMEOUT",
    help: "ms a write waits for a lock (PostgreSQL row/advisory, SQLite file) before 503",
    fallback: "5000",
  },
  "log-level": {
    env: "BOTWIRE_LOG_LEVEL",
    help: "fatal, error, warn, info, debug, trace or silent",
    fallback: "info",
  },
  "log-format": {
    env: "BOTWIRE_LOG_FORMAT",
    help: "pretty (readable lines) or json; default: pretty on a terminal, json otherwise",
  },
  "max-value-bytes": {
    env: "BOTWIRE_MAX_VALUE_BYTES",
    help: "largest value, serialized (default 1 MiB)",
  },
  "max-item-bytes": {
    env: "BOTWIRE_MAX_ITEM_BYTES",
    help: "largest list item, serialized (default 256 KiB)",
  },
  "max-append-items": {
    env: "BOTWIRE_MAX_APPEND_ITEMS",
    help: "most items per append (default 1000)",
  },
  "max-key-bytes": {
    env: "BOTWIRE_MAX_KEY_BYTES",
    help: "longest key in UTF-8 bytes, at most 512 (default 512)",
  },
  "max-list-length": {
    env: "BOTWIRE_MAX_LIST_LENGTH",
    help: "most items a list may hold (default unbounded)",
  },
  "max-batch-ops": {
    env: "BOTWIRE_MAX_BATCH_OPS",
    help: "most operations per batch (default 1000)",
  },
  "max-read-bytes": {
    env: "BOTWIRE_MAX_READ_BYTES",
    help: "most bytes of values per response: list reads page at it (default 8 MiB)",
  },
  "max-buffered-response-bytes": {
    env: "BOTWIRE_MAX_BUFFERED_RESPONSE_BYTES",
    help: "bytes of replies waiting for slow readers before new requests get 503 (default 256 MiB)",
  },
  "response-stall-timeout": {
    env: "BOTWIRE_RESPONSE_STALL_TIMEOUT",
    help: "milliseconds a reply may wait for its reader to read anything (default 30000)",
  },
  "admin-token": {
    env: "BOTWIRE_ADMIN_TOKEN",
    help: "turns auth on: every route needs a token; this one may do anything (min 16 chars)",
  },
  "admin-token-file": {
    env: "BOTWIRE_ADMIN_TOKEN_FILE",
    help: "reads the admin token from this file (as written by `botwire-server init`)",
  },
  "write-quota": {
    env: "BOTWIRE_WRITE_QUOTA",
    help: "writes per namespace per UTC day (BotWire: 1000)",
  },
  "storage-quota": {
    env: "BOTWIRE_STORAGE_QUOTA",
    help: "bytes a namespace may hold (BotWire: 52428800)",
  },
  "cors-origin": {
    env: "BOTWIRE_CORS_ORIGIN",
    help: "browser origins allowed, comma-separated (default: CORS off)",
  },
  "sweep-interval": {
    env: "BOTWIRE_SWEEP_INTERVAL",
    help: "seconds between sweeps of expired keys",
    fallback: "60",
  },
} satisfies Record<string, Flag>;

type FlagName = keyof typeof FLAGS;

/** The CLI was called wrongly; the message says how to call it. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** The `--help` text. */
export function usage(): string {
  const rows = Object.entries(FLAGS).map(([name, flag]: [string, Flag]) => {
    const fallback = flag.fallback ? ` [default: ${flag.fallback}]` : "";
    return `  --${name.padEnd(18)} ${flag.help}${fallback}\n  ${"".padEnd(20)} env ${flag.env}`;
  });
  return `Usage: botwire-server [options]\n\nStarts the BotWire memory server on embedded SQLite (default) or PostgreSQL.\n\nOptions (a flag wins over its environment variable):\n${rows.join("\n")}\n  --ui                 serve the inspector page at /ui (asks for the admin token if set)\n  ${"".padEnd(20)} env BOTWIRE_UI=1\n  --help               show this help\n\nSubcommands:\n  botwire-server init                      create the database and an admin token (init --help)\n  botwire-server token create|list|revoke  manage access tokens (token --help)\n  botwire-server export > dump.jsonl       back up keys as NDJSON (export --help)\n  botwire-server import < dump.jsonl       restore a dump, all or nothing (import --help)\n`;
}

/** Reads flags, then environment variables, then defaults. `undefined` means: print help. */
export function parseCliConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig | undefined {
  const options = Object.fromEntries(
    Object.keys(FLAGS).map((name) => [name, { type: "string" as const }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean" }, ui: { type: "boolean" } },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${usage()}`);
  }
  if (values.help) return undefined;
  const read = (name: FlagName): string | undefined => {
    const flag: Flag = FLAGS[name];
    return (values[name] as string | undefined) ?? env[flag.env] ?? flag.fallback;
  };
  const integer = (name: FlagName, min: number, max: number): number | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new CliUsageError(
        `--${name} (${FLAGS[name].env}) must be an integer from ${min} to ${max}, not "${raw}".`,
      );
    }
    return value;
  };
  const limits: Partial<Limits> = {};
  const setLimit = (key: keyof Limits, name: FlagName, max = 2 ** 31) => {
    const value = integer(name, 1, max);
    if (value !== undefined) limits[key] = value;
  };
  setLimit("maxValueBytes", "max-value-bytes");
  setLimit("maxItemBytes", "max-item-bytes");
  setLimit("maxAppendItems", "max-append-items");
  setLimit("maxBatchOps", "max-batch-ops");
  setLimit("maxReadBytes", "max-read-bytes");
  setLimit("maxKeyBytes", "max-key-bytes", 512);
  setLimit("maxListLength", "max-list-length");
  const logLevel = read("log-level") as string;
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel)) {
    throw new CliUsageError(
      `--log-level must be one of fatal, error, warn, info, debug, trace, silent.`,
    );
  }
  const logFormat = read("log-format") ?? (process.stdout.isTTY ? "pretty" : "json");
  if (logFormat !== "pretty" && logFormat !== "json") {
    throw new CliUsageError(`--log-format must be pretty or json, not "${logFormat}".`);
  }
  return {
    port: integer("port", 0, 65_535) as number,
    host: read("host") as string,
    db: read("db") as string,
    logLevel,
    logFormat,
    limits,
    maxBufferedResponseBytes: integer("max-buffered-response-bytes", 1, Number.MAX_SAFE_INTEGER),
    responseStallTimeoutMs: integer("response-stall-timeout", 100, 3_600_000),
    sweepIntervalMs: (integer("sweep-interval", 1, 86_400) as number) * 1000,
    poolSize: integer("pool-size", 1, 1000) as number,
    connectTimeoutMs: integer("connect-timeout", 1, 600_000) as number,
    statementTimeoutMs: integer("statement-timeout", 1, 600_000) as number,
    lockTimeoutMs: integer("lock-timeout", 1, 600_000) as number,
    adminToken: adminToken(read("admin-token") ?? readTokenFile(read("admin-token-file"))),
    writeQuota: integer("write-quota", 1, Number.MAX_SAFE_INTEGER),
    storageQuotaBytes: integer("storage-quota", 1, Number.MAX_SAFE_INTEGER),
    corsOrigins: read("cors-origin")
      ?.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    ui: values.ui === true || env.BOTWIRE_UI === "1" || env.BOTWIRE_UI === "true",
  };
}

function adminToken(token: string | undefined): string | undefined {
  if (token !== undefined && token.length < 16) {
    throw new CliUsageError(
      "--admin-token (BOTWIRE_ADMIN_TOKEN) must be at least 16 characters: use e.g. `openssl rand -hex 32`.",
    );
  }
  return token;
}

function readTokenFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    throw new CliUsageError(
      `--admin-token-file (BOTWIRE_ADMIN_TOKEN_FILE): cannot read ${path}: ${(error as Error).message}. Create one with \`botwire-server init\`.`,
    );
  }
}
