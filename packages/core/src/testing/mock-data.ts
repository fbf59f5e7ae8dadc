import { utf8Length } from "../protocol/body-fields.js";
import type { ParsedBatchOp } from "../protocol/parse-batch-body.js";
import { type Precondition, preconditionHolds } from "../protocol/precondition.js";
import { ProtocolError } from "../protocol/protocol-error.js";
import { batchReadTooLarge, ReadBudget } from "../protocol/read-budget.js";
import type { BatchResult, EntryKind, KeyInfo } from "../protocol/wire.js";
import { compareKeys } from "./compare-keys.js";

/** One key as the mock keeps it. Records are replaced on write, never mutated, except list items. */
export interface MockRecord {
  kind: EntryKind;
  /** Serialized JSON of a value. */
  value?: string;
  /** Items of a list, oldest first; values serialized. */
  items: { seq: number; value: string }[];
  nextSeq: number;
  version: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** The mock server's data: namespaces of keys, in memory, with the protocol's semantics. */
export class MockData {
  #namespaces = new Map<string, Map<string, MockRecord>>();
  #version = 0;

  /** Forgets everything. */
  reset(): void {
    this.#namespaces.clear();
  }

  /** The live record under `key`, or undefined (an expired one is dropped). */
  get(ns: string, key: string, now: number): MockRecord | undefined {
    const record = this.#namespaces.get(ns)?.get(key);
    if (record && record.expiresAt !== null && record.expiresAt <= now) {
      this.#namespaces.get(ns)?.delete(key);
      return undefined;
    }
    return record;
  }

  /** The live record for a write of `kind`; throws `wrong_kind` for the other kind. */
  forWrite(
    ns: string,
    key: string,
    kind: EntryKind,
    now: number,
    index?: number,
  ): MockRecord | undefined {
    const record = this.get(ns, key, now);
    if (record && record.kind !== kind) throw wrongKind(index);
    return record;
  }

  /** Throws `version_mismatch` unless `expect` holds for `current`. */
  check(expect: Precondition | undefined, current: MockRecord | undefined): void {
    check(expect, current);
  }

  /** Stores a record under `key` with a fresh version. */
  save(ns: string, key: string, record: Omit<MockRecord, "version">): MockRecord {
    const namespace = this.#namespaces.get(ns) ?? new Map<string, MockRecord>();
    this.#namespaces.set(ns, namespace);
    const saved = { ...record, version: ++this.#version };
    namespace.set(key, saved);
    return saved;
  }

  /** Deletes `key`; false when absent. */
  remove(ns: string, key: string): boolean {
    return this.#namespaces.get(ns)?.delete(key) ?? false;
  }

  /** Writes a value, checking its precondition. */
  put(
    ns: string,
    key: string,
    value: string,
    expiresAt: number | null,
    expect: Precondition | undefined,
    now: number,
    index?: number,
  ) {
    const current = this.forWrite(ns, key, "value", now, index);
    check(expect, current, index);
    const base = {
      kind: "value" as const,
      value,
      items: [],
      nextSeq: 1,
      updatedAt: now,
      expiresAt,
    };
    return {
      record: this.save(ns, key, { ...base, createdAt: current?.createdAt ?? now }),
      created: !current,
    };
  }

  /** Deletes a key of `kind` (any kind when unset), checking its precondition. */
  delete(
    ns: string,
    key: string,
    expect: Precondition | undefined,
    now: number,
    kind?: EntryKind,
    index?: number,
  ): boolean {
    const current = this.get(ns, key, now);
    if (!current) {
      if (expect && !("absent" in expect)) throw mismatch(null, index);
      return false;
    }
    if (kind && current.kind !== kind) throw wrongKind(index);
    check(expect, current, index);
    return this.remove(ns, key);
  }

  /** Live keys of a namespace in byte order, after `after`, under `prefix`. */
  keys(ns: string, now: number, prefix = "", after?: string): KeyInfo[] {
    const infos: KeyInfo[] = [];
    for (const key of [...(this.#namespaces.get(ns)?.keys() ?? [])]) {
      if (!key.startsWith(prefix) || (after !== undefined && compareKeys(key, after) <= 0))
        continue;
      const record = this.get(ns, key, now);
      if (record) infos.push(infoOf(key, record));
    }
    return infos.sort((a, b) => compareKeys(a.key, b.key));
  }

  /** Deletes every key of a namespace. */
  clear(ns: string): void {
    this.#namespaces.delete(ns);
  }

  /** Runs a batch atomically: on any failure the namespace is restored as it was. */
  batch(
    ns: string,
    ops: (ParsedBatchOp & { expiresAt: number | null; expect?: Precondition })[],
    now: number,
    maxReadBytes?: number,
  ): BatchResult[] {
    const before = new Map(this.#namespaces.get(ns) ?? []);
    const budget = new ReadBudget(maxReadBytes);
    try {
      return ops.map((op, index): BatchResult => {
        if (op.op === "set") {
          const { record, created } = this.put(
            ns,
            op.key,
            op.value,
            op.expiresAt,
            op.expect,
            now,
            index,
          );
          const { version, createdAt, updatedAt, expiresAt } = record;
          return { op: "set", key: op.key, version, created, createdAt, updatedAt, expiresAt };
        }
        if (op.op === "delete") {
          return {
            op: "delete",
            key: op.key,
            deleted: this.delete(ns, op.key, op.expect, now, "value", index),
          };
        }
        const record = this.get(ns, op.key, now);
        if (!record) return { op: "get", key: op.key, found: false };
        if (record.kind !== "value") throw wrongKind(index);
        if (!budget.take(utf8Length(record.value ?? "null"))) {
          throw batchReadTooLarge(budget.maxBytes, index);
        }
        const value = JSON.parse(record.value ?? "null");
        return {
          op: "get",
          key: op.key,
          found: true,
          value,
          version: record.version,
          expiresAt: record.expiresAt,
        };
      });
    } catch (error) {
      this.#namespaces.set(ns, before);
      throw error;
    }
  }
}

function check(
  expect: Precondition | undefined,
  current: MockRecord | undefined,
  index?: number,
): void {
  if (expect && !preconditionHolds(expect, current?.version))
    throw mismatch(current?.version ?? null, index);
}

function mismatch(currentVersion: number | null, index?: number): ProtocolError {
  return new ProtocolError(
    "version_mismatch",
    "The key's version is not the one you expected: read it again and retry.",
    {
      currentVersion,
      ...(index === undefined ? {} : { index }),
    },
  );
}

function wrongKind(index?: number): ProtocolError {
  return new ProtocolError(
    "wrong_kind",
    "The key holds the other kind (a value vs a list).",
    index === undefined ? {} : { index },
  );
}

function infoOf(key: string, record: MockRecord): KeyInfo {
  const bytes =
    record.kind === "value"
      ? utf8Length(record.value ?? "")
      : record.items.reduce((n, item) => n + utf8Length(item.value), 0);
  return {
    key,
    kind: record.kind,
    bytes,
    version: record.version,
    updatedAt: record.updatedAt,
    expiresAt: record.expiresAt,
  };
}
