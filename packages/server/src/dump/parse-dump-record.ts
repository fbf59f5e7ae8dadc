import {
  describeInvalidKey,
  describeInvalidNamespace,
  isValidKey,
  isValidNamespace,
} from "@botwire/core/protocol";
import { DUMP_VERSION } from "./dump-format.js";
import { DumpFormatError } from "./dump-format-error.js";

/** The fields every entry record has. */
interface EntryFields {
  ns: string;
  key: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** One line of a dump after the header, checked. `value` is serialized JSON. */
export type DumpRecord =
  | ({ type: "value"; value: string } & EntryFields)
  | ({ type: "list"; length: number; nextSeq: number } & EntryFields)
  | { type: "item"; seq: number; value: string }
  | { type: "end"; entries: number; items: number };

type Fields = Record<string, unknown>;

/** Checks the header line (line 1): a dump, of a version this importer reads. */
export function parseDumpHeader(text: string): void {
  const header = parseObject(text, 1);
  if (header.botwire !== "dump") {
    throw new DumpFormatError(
      1,
      'not a botwire dump: the first line must be {"botwire":"dump",...}.',
    );
  }
  if (header.version !== DUMP_VERSION) {
    throw new DumpFormatError(
      1,
      `dump format version ${JSON.stringify(header.version)} is not one this server reads (${DUMP_VERSION}): import it with the @botwire/server version that exported it, or a newer one.`,
    );
  }
}

/** Parses and checks one record line; throws {@link DumpFormatError} naming `line`. */
export function parseDumpRecord(text: string, line: number): DumpRecord {
  const fields = parseObject(text, line);
  const field = new FieldReader(fields, line);
  switch (fields.type) {
    case "value":
      return { type: "value", ...entryFields(field), value: field.json("value") };
    case "list":
      return {
        type: "list",
        ...entryFields(field),
        length: field.integer("length", 0),
        nextSeq: field.integer("nextSeq", 1),
      };
    case "item":
      return { type: "item", seq: field.integer("seq", 1), value: field.json("value") };
    case "end":
      return {
        type: "end",
        entries: field.integer("entries", 0),
        items: field.integer("items", 0),
      };
    default:
      throw new DumpFormatError(
        line,
        `unknown record type ${JSON.stringify(fields.type)}: expected value, list, item or end.`,
      );
  }
}

function entryFields(field: FieldReader): EntryFields {
  const ns = field.get("ns");
  if (!isValidNamespace(ns))
    field.fail(`bad ns ${JSON.stringify(ns)}. ${describeInvalidNamespace()}`);
  const key = field.get("key");
  if (!isValidKey(key)) field.fail(`bad key ${JSON.stringify(key)}. ${describeInvalidKey()}`);
  const expiresAt = field.get("expiresAt");
  return {
    ns,
    key,
    version: field.integer("version", 1),
    createdAt: field.integer("createdAt", 0),
    updatedAt: field.integer("updatedAt", 0),
    expiresAt: expiresAt === null ? null : field.integer("expiresAt", 0),
  };
}

function parseObject(text: string, line: number): Fields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DumpFormatError(line, `not valid JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DumpFormatError(line, "a record must be a JSON object.");
  }
  return parsed as Fields;
}

/** Reads required fields of one record, failing with its line number. */
class FieldReader {
  readonly #fields: Fields;
  readonly #line: number;

  constructor(fields: Fields, line: number) {
    this.#fields = fields;
    this.#line = line;
  }

  fail(message: string): never {
    throw new DumpFormatError(this.#line, `${this.#fields.type} record: ${message}`);
  }

  get(name: string): unknown {
    if (!Object.hasOwn(this.#fields, name)) this.fail(`missing field "${name}".`);
    return this.#fields[name];
  }

  integer(name: string, min: number): number {
    const value = this.get(name);
    if (!Number.isSafeInteger(value) || (value as number) < min) {
      this.fail(`"${name}" must be an integer of at least ${min}, not ${JSON.stringify(value)}.`);
    }
    return value as number;
  }

  /** Any JSON value, serialized as the HTTP layer stores it. */
  json(name: string): string {
    return JSON.stringify(this.get(name));
  }
}
