import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { isPostgresUrl, openStore } from "../store/open-store.js";
import type { ServerStore } from "../store/store.js";

/**
 * Opens the database a subcommand works on, refusing a SQLite path with no file: opening it
 * would create a second, empty database (a typo, another working directory) that the server
 * never reads.
 */
export function openExistingStore(db: string): Promise<ServerStore> {
  if (!isPostgresUrl(db) && !existsSync(db)) {
    throw new Error(
      `No database at ${resolve(db)}. Pass the server's --db (or BOTWIRE_DB), run this from the folder the server runs in, or create one with \`botwire-server init\`.`,
    );
  }
  return openStore(db);
}
