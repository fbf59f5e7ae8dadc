import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { NAMESPACE_PATTERN_SYNTAX } from "../auth/namespace-pattern.js";
import { DumpFormatError } from "../dump/dump-format-error.js";
import { exportDump } from "../dump/export-dump.js";
import { importDump } from "../dump/import-dump.js";
import { type DumpStore, hasDump } from "../store/dump-store.js";
import { openStore, redactDb } from "../store/open-store.js";
import type { ServerStore } from "../store/store.js";
import { CliUsageError, DEFAULT_DB } from "./cli-config.js";
import { openExistingStore } from "./open-existing-store.js";

const USAGE = `Usage:
  botwire-server export [--db <path or postgres://...>] [--ns <pattern>...] > dump.jsonl
  botwire-server import [--db <path or postgres://...>] [--replace] < dump.jsonl

export writes every live key (values, lists with their items, versions, absolute expiry) as
NDJSON to stdout, from one snapshot; --ns keeps namespaces matching a pattern (* = any run of
characters; repeatable). The server may keep running.
import reads a dump from stdin in one transaction: a damaged line, or a key that exists
already, refuses the whole dump (nothing is written) and names the line. --replace overwrites
existing keys instead. Entries that have expired since the export are skipped.
`;

/** Where the command's bytes go: stdout for the dump, stderr for the summary. */
export interface DumpCommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/**
 * `botwire-server export` (a dump of the database to stdout) and `botwire-server import` (a
 * dump from stdin, all of it or nothing).
 */
export async function runDumpCommand(
  command: "export" | "import",
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: DumpCommandIo,
): Promise<void> {
  const values = parse(argv);
  if (values.help) {
    io.stdout.write(USAGE);
    return;
  }
  const misplaced = command === "export" ? values.replace && "--replace" : values.ns && "--ns";
  if (misplaced) throw new CliUsageError(`${command} takes no ${misplaced}.\n\n${USAGE}`);
  const db = values.db ?? env.BOTWIRE_DB ?? DEFAULT_DB;
  if (command === "export") await runExport(db, values.ns ?? ["*"], io);
  else await runImport(db, values.replace ?? false, io);
}

async function runExport(db: string, namespaces: string[], io: DumpCommandIo): Promise<void> {
  const bad = namespaces.find((pattern) => !NAMESPACE_PATTERN_SYNTAX.test(pattern));
  if (bad !== undefined) {
    throw new CliUsageError(
      `--ns "${bad}" is not a namespace pattern: 1-128 characters of A-Z a-z 0-9 _ - . : and *.`,
    );
  }
  await withDumpStore(await openExistingStore(db), async (store) => {
    const counts = await exportDump(store, io.stdout, { namespaces });
    io.stderr.write(
      `Exported ${counts.entries} keys (${counts.items} list items) from ${redactDb(db)}.\n`,
    );
  });
}

async function runImport(db: string, replace: boolean, io: DumpCommandIo): Promise<void> {
  // A terminal is not a dump: without this the command would sit waiting for typed lines.
  if ((io.stdin as { isTTY?: boolean }).isTTY) {
    throw new CliUsageError(
      `import reads the dump from stdin: botwire-server import < dump.jsonl\n\n${USAGE}`,
    );
  }
  // Restoring into a new database is the common case, so a missing SQLite file is created.
  await withDumpStore(await openStore(db), async (store) => {
    const counts = await importDump(store, io.stdin, { replace }).catch((error: unknown) => {
      if (!(error instanceof DumpFormatError)) throw error;
      throw new Error(`${error.message} Nothing was imported.`, { cause: error });
    });
    const expired = counts.expired > 0 ? `, skipped ${counts.expired} expired` : "";
    io.stderr.write(
      `Imported ${counts.entries} keys (${counts.items} list items${expired}) into ${redactDb(db)}.\n`,
    );
  });
}

async function withDumpStore(
  store: ServerStore,
  work: (store: ServerStore & DumpStore) => Promise<void>,
): Promise<void> {
  try {
    if (!hasDump(store)) throw new Error("This storage engine cannot export or import dumps.");
    await work(store);
  } finally {
    await store.close();
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        db: { type: "string" },
        ns: { type: "string", multiple: true },
        replace: { type: "boolean" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}
