import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Creates a SQLite database's directory (mode 0700) and file (0600) when they do not exist yet,
 * so what agents remember is readable by the server's user only. SQLite gives the `-wal` and
 * `-shm` files the database file's mode. The process umask still applies, so an operator's
 * stricter umask wins; an existing directory or file keeps the mode the operator gave it.
 */
export function createPrivateDatabaseFile(path: string): void {
  if (path === ":memory:" || path === "") return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, "a", 0o600));
}
