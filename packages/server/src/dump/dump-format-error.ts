/**
 * A dump that cannot be imported: damaged, truncated, or in conflict with the database.
 * `line` is the 1-based line of the file at fault. Nothing of the dump was imported.
 */
export class DumpFormatError extends Error {
  override name = "DumpFormatError";
  readonly line: number;

  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}
