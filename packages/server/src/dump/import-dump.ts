import type { Readable } from "node:stream";
import type { DumpedEntry, DumpLoader, DumpStore, LoadedItem } from "../store/dump-store.js";
import { DumpFormatError } from "./dump-format-error.js";
import { type DumpRecord, parseDumpHeader, parseDumpRecord } from "./parse-dump-record.js";
import { readLines } from "./read-lines.js";

/** Options of {@link importDump}. */
export interface ImportDumpOptions {
  /** Overwrite keys that exist already; otherwise such a key refuses the whole dump. @default false */
  replace?: boolean;
  /** Entries of the dump expiring at or before this are skipped. @default Date.now() */
  now?: number;
}

/** What an import wrote. */
export interface ImportCounts {
  entries: number;
  items: number;
  /** Entries (with their items) skipped because they had expired. */
  expired: number;
}

// Rows written per round trip; and a line may hold at most a value at the protocol's largest
// configurable size, serialized (2^31 bytes would not fit a string anyway).
const BATCH_ROWS = 500;
const MAX_LINE_CHARS = 256 * 1024 * 1024;

/**
 * Reads a dump from `input` and writes it in ONE transaction of the store: every line is
 * checked as it streams in and written in batches of rows, and the first damaged line (or key
 * that exists already, unless `replace`) throws {@link DumpFormatError} with its line number,
 * rolling back everything written before it. Memory holds one batch, whatever the dump's size.
 */
export function importDump(
  store: DumpStore,
  input: Readable,
  options: ImportDumpOptions = {},
): Promise<ImportCounts> {
  return store.load((loader) =>
    new DumpImport(loader, options.now ?? Date.now(), options.replace ?? false).run(input),
  );
}

/** A list whose items are being read. */
interface OpenList {
  entry: DumpedEntry;
  line: number;
  items: number;
  lastSeq: number;
  skip: boolean;
}

/** The state of one import: the checks that span lines, and the batch not yet written. */
class DumpImport {
  readonly #loader: DumpLoader;
  readonly #now: number;
  readonly #replace: boolean;
  readonly #counts: ImportCounts = { entries: 0, items: 0, expired: 0 };
  #seen = { entries: 0, items: 0 };
  #previous: Buffer | undefined;
  #list: OpenList | undefined;
  #ended = false;
  #maxVersion = 0;
  #claims: { ns: string; key: string; line: number }[] = [];
  #items: LoadedItem[] = [];
  #entries: DumpedEntry[] = [];

  constructor(loader: DumpLoader, now: number, replace: boolean) {
    this.#loader = loader;
    this.#now = now;
    this.#replace = replace;
  }

  async run(input: Readable): Promise<ImportCounts> {
    let line = 0;
    for await (const text of readLines(input, MAX_LINE_CHARS)) {
      line++;
      if (line === 1) parseDumpHeader(text);
      else if (this.#ended) throw new DumpFormatError(line, "a record after the end record.");
      else this.#take(parseDumpRecord(text, line), line);
      if (this.#claims.length + this.#items.length + this.#entries.length >= BATCH_ROWS) {
        await this.#flush();
      }
    }
    if (line === 0) throw new DumpFormatError(1, "the dump is empty.");
    if (!this.#ended) {
      throw new DumpFormatError(
        line + 1,
        'the dump ends without its {"type":"end",...} record: it was cut short.',
      );
    }
    await this.#flush();
    await this.#loader.keepVersion(this.#maxVersion);
    return this.#counts;
  }

  #take(record: DumpRecord, line: number): void {
    if (record.type === "item") {
      this.#takeItem(record, line);
      return;
    }
    this.#closeList(line);
    if (record.type === "end") {
      this.#end(record, line);
      return;
    }
    this.#checkOrder(record.ns, record.key, line);
    this.#seen.entries++;
    this.#maxVersion = Math.max(this.#maxVersion, record.version);
    const skip = record.expiresAt !== null && record.expiresAt <= this.#now;
    const entry: DumpedEntry = {
      ns: record.ns,
      key: record.key,
      kind: record.type,
      value: record.type === "value" ? record.value : null,
      bytes: record.type === "value" ? Buffer.byteLength(record.value, "utf8") : 0,
      version: record.version,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      expires_at: record.expiresAt,
      length: record.type === "list" ? record.length : 0,
      next_seq: record.type === "list" ? record.nextSeq : 1,
    };
    if (record.type === "list") this.#list = { entry, line, items: 0, lastSeq: 0, skip };
    if (skip) {
      this.#counts.expired++;
      return;
    }
    this.#claims.push({ ns: record.ns, key: record.key, line });
    if (record.type === "value") this.#addEntry(entry);
  }

  #takeItem(item: { seq: number; value: string }, line: number): void {
    const list = this.#list;
    if (!list) throw new DumpFormatError(line, "a list item before (or outside) its list record.");
    if (item.seq <= list.lastSeq || item.seq >= list.entry.next_seq) {
      throw new DumpFormatError(
        line,
        `item seq ${item.seq} must be above the list's previous item (${list.lastSeq}) and below its nextSeq (${list.entry.next_seq}).`,
      );
    }
    list.items++;
    list.lastSeq = item.seq;
    this.#seen.items++;
    if (list.skip) return;
    list.entry.bytes += Buffer.byteLength(item.value, "utf8");
    this.#items.push({ ns: list.entry.ns, key: list.entry.key, ...item });
    this.#counts.items++;
  }

  /** Ends the open list (at `line`, the record after its items), checking its length. */
  #closeList(line: number): void {
    const list = this.#list;
    if (!list) return;
    this.#list = undefined;
    if (list.items !== list.entry.length) {
      throw new DumpFormatError(
        line,
        `the list on line ${list.line} has length ${list.entry.length} but ${list.items} item lines.`,
      );
    }
    if (!list.skip) this.#addEntry(list.entry);
  }

  #addEntry(entry: DumpedEntry): void {
    this.#entries.push(entry);
    this.#counts.entries++;
  }

  #end(end: { entries: number; items: number }, line: number): void {
    if (end.entries !== this.#seen.entries || end.items !== this.#seen.items) {
      throw new DumpFormatError(
        line,
        `the end record counts ${end.entries} entries and ${end.items} items, but the dump holds ${this.#seen.entries} and ${this.#seen.items}.`,
      );
    }
    this.#ended = true;
  }

  // Ascending (namespace, key) byte order, as exports write it: a key given twice is found
  // without remembering every key.
  #checkOrder(ns: string, key: string, line: number): void {
    const current = Buffer.from(`${ns}\u0000${key}`, "utf8");
    if (this.#previous && Buffer.compare(this.#previous, current) >= 0) {
      throw new DumpFormatError(
        line,
        `${ns}/${key} is out of order or repeated: records must be in ascending (ns, key) byte order, each key once.`,
      );
    }
    this.#previous = current;
  }

  /** Writes the batch: claims first (a list's key before its items), then items, then entries. */
  async #flush(): Promise<void> {
    const claims = this.#claims;
    this.#claims = [];
    const held = await this.#loader.claim(claims, this.#now, this.#replace);
    if (held >= 0) {
      const { ns, key, line } = claims[held] as (typeof claims)[number];
      throw new DumpFormatError(
        line,
        `${ns}/${key} exists in the database already: pass --replace to overwrite existing keys, or import into an empty database.`,
      );
    }
    await this.#loader.insertItems(this.#items.splice(0));
    await this.#loader.insertEntries(this.#entries.splice(0));
  }
}
