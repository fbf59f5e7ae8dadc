import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isPostgresUrl, openStore, redactDb } from "../store/open-store.js";
import { CliUsageError, DEFAULT_DB } from "./cli-config.js";

const USAGE = `Usage: botwire-server init [--db <path or postgres://...>] [--token-file <path>] [--force]

Creates the database (SQLite file or PostgreSQL schema) and an admin token, writes the token to
--token-file (mode 0600; default: admin-token next to the SQLite file, or ./botwire-data/admin-token
for PostgreSQL), and prints it with the commands that use it. Refuses to overwrite an existing
token file unless --force.
`;

/** `botwire-server init`: a database and an admin token the operator can find again. */
export async function runInitCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  let values: { db?: string; "token-file"?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: "string" },
        "token-file": { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return USAGE;
  const db = values.db ?? env.BOTWIRE_DB ?? DEFAULT_DB;
  const postgres = isPostgresUrl(db);
  const tokenFile = resolve(
    values["token-file"] ??
      (postgres ? "./botwire-data/admin-token" : join(dirname(resolve(db)), "admin-token")),
  );
  const token = randomBytes(32).toString("hex");
  await mkdir(dirname(tokenFile), { recursive: true, mode: 0o700 });
  try {
    await writeFile(tokenFile, `${token}\n`, { mode: 0o600, flag: values.force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw new CliUsageError(
      `${tokenFile} exists already: the server may be using that token. Pass --force to replace it, or --token-file for another path.`,
    );
  }
  // Opening the store creates (and migrates) the database, so token commands find it at once.
  await (await openStore(postgres ? db : resolve(db))).close();
  const where = postgres ? redactDb(db) : resolve(db);
  return `Database ready: ${where}
Admin token (also saved to ${tokenFile}, mode 0600):

  ${token}

Start the server with it (auth on; every route then needs a token):
  botwire-server --db ${postgres ? "<your postgres URL>" : where} --admin-token-file ${tokenFile}
Use it for /metrics and the token admin routes:
  curl -H "Authorization: Bearer $(cat ${tokenFile})" http://127.0.0.1:8790/metrics
Mint a scoped token for an app:
  botwire-server token create --db ${postgres ? "<your postgres URL>" : where} --ns 'app-*'
`;
}
