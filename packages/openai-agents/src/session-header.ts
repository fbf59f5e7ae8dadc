import type { JsonValue } from "@botwire/core";

/** Marker key of the header item; SDK items (messages, calls, reasoning) never carry it. */
const MARKER = "$botwire:session";

/**
 * How many history transactions the header remembers. A transaction is replayed when a run
 * resumes from a saved `RunState`, possibly much later, so they are kept long; at ~50 bytes a
 * record the header stays far below the server's 256 KiB item limit.
 */
const MAX_OPERATIONS = 1000;

/** How many pops it remembers: a popper only looks for its own right after a failed write. */
const MAX_POPS = 64;

/**
 * The bookkeeping of the writes that rewrite the list (pops and history transactions): which
 * ones were applied, so a retry after a lost answer never applies one twice. It lives in the
 * list's FIRST item, so it is written in the same atomic, version-guarded replace as the
 * history it describes. Appends never touch it; lists that were never rewritten have none.
 */
export interface SessionHeader {
  /** `[operation fingerprint, transaction fingerprint]`, oldest first. */
  operations: [string, string][];
  /** Ids of applied pops, oldest first. */
  pops: string[];
}

/** The header held by `first`, the list's first stored item, or undefined when it is an item. */
export function readHeader(first: JsonValue | undefined): SessionHeader | undefined {
  if (first === null || typeof first !== "object" || Array.isArray(first)) return undefined;
  const header = first[MARKER];
  if (header === null || typeof header !== "object" || Array.isArray(header)) return undefined;
  const { operations, pops } = header as Partial<SessionHeader>;
  return { operations: operations ?? [], pops: pops ?? [] };
}

/** The header as the list's first item. */
export function headerItem(header: SessionHeader): JsonValue {
  return { [MARKER]: { operations: header.operations, pops: header.pops } };
}

/** `header` with one more applied write, forgetting the oldest past the limits. */
export function recordWrite(
  header: SessionHeader | undefined,
  write: { operation: [string, string] } | { pop: string },
): SessionHeader {
  const operations = header?.operations ?? [];
  const pops = header?.pops ?? [];
  return "pop" in write
    ? { operations, pops: [...pops, write.pop].slice(-MAX_POPS) }
    : { operations: [...operations, write.operation].slice(-MAX_OPERATIONS), pops };
}
