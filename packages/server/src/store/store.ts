import type { EntryKind, KeyInfo, Precondition } from "@botwire/core/protocol";

export type { Precondition };

/**
 * The storage engine behind the server. The HTTP layer only ever sees this interface, so an
 * engine (SQLite, PostgreSQL, ...) is added by implementing it and passing the contract suite.
 *
 * Values and list items cross this boundary as serialized JSON text: the HTTP layer validates
 * and serializes once, and the store never parses them. Every method takes `now` (epoch ms)
 * from the caller's clock, so expiry is decided in one place and tests can move time.
 * Each call is atomic. Failed preconditions throw {@link StoreConflictError}.
 */
export interface Store {
  /** A live entry of either kind, or undefined when absent or expired. */
  get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined>;

  /** Writes a JSON value. Throws `wrong_kind` when the key holds a list. */
  put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult>;

  /** Deletes a key of either kind (or only of `kind`). False when it was absent. */
  delete(
    namespace: string,
    key: string,
    options: { expect?: Precondition; kind?: EntryKind },
    now: number,
  ): Promise<boolean>;

  /** Live keys in ascending order, starting after `after`, at most `limit`. */
  listKeys(
    namespace: string,
    options: { prefix?: string; after?: string; limit: number },
    now: number,
  ): Promise<KeyInfo[]>;

  /** Live keys, most recently updated first (the BotWire-compatible listing). */
  listRecent(namespace: string, limit: number, now: number): Promise<KeyInfo[]>;

  /**
   * Runs the ops in one transaction: all writes commit or none (the first failure throws).
   * Gets that would read more than `maxReadBytes` of values throw {@link StoreReadLimitError}.
   */
  batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    maxReadBytes?: number,
  ): Promise<StoreBatchResult[]>;

  /** Appends items (serialized) atomically; creates the list when absent. */
  append(namespace: string, key: string, append: ListAppend, now: number): Promise<AppendResult>;

  /** Reads a list window, or undefined when the list is absent. Throws `wrong_kind` on a value. */
  range(
    namespace: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<RangeResult | undefined>;

  /** Replaces a whole list (creating it when absent). */
  replaceList(
    namespace: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult>;

  /** Deletes every key of the namespace. Returns how many were deleted. */
  clearNamespace(namespace: string): Promise<number>;

  /**
   * Deletes expired keys, at most `limit` of them, and quota counters of days before yesterday
   * (UTC). Returns how many keys were deleted.
   */
  sweepExpired(now: number, limit: number): Promise<number>;

  /** Totals over live keys, for `GET /stats/memory`. */
  stats(now: number): Promise<StoreStats>;

  /** Saves a new access token (only its hash; the secret is never stored). */
  putToken(token: TokenRecord): Promise<void>;

  /** The token with this hash, unless revoked or expired at `now`. */
  findToken(hash: string, now: number): Promise<TokenRecord | undefined>;

  /** Every token that is not revoked, newest first. */
  listTokens(): Promise<TokenRecord[]>;

  /** Revokes a token by id. False when there was none. */
  revokeToken(id: string): Promise<boolean>;

  /**
   * Counts `count` writes against a namespace's quota for `day` (UTC, `YYYY-MM-DD`), atomically:
   * refused, and not counted, when they would take it past `limit`. Shared by every replica.
   */
  consumeWrites(namespace: string, day: string, count: number, limit: number): Promise<QuotaUse>;

  /** Bytes held by the namespace's live keys (values and list items). */
  namespaceBytes(namespace: string, now: number): Promise<number>;

  /** Resolves when the store can serve requests; rejects when it cannot. */
  ping(): Promise<void>;

  /** Finishes pending work and releases the engine. The store is unusable afterwards. */
  close(): Promise<void>;
}

/** A live entry as stored. `value` is serialized JSON for a value; undefined for a list. */
export interface StoredEntry {
  key: string;
  kind: EntryKind;
  value?: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** A value write. */
export interface ValueWrite {
  /** Serialized JSON. */
  value: string;
  /** Absolute expiry (epoch ms), or null for none. */
  expiresAt: number | null;
  expect?: Precondition;
}

/** Result of a value write. */
export interface PutResult {
  version: number;
  created: boolean;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** One op of an atomic batch; values serialized. */
export type StoreBatchOp =
  | { op: "get"; key: string }
  | { op: "set"; key: string; value: string; expiresAt: number | null; expect?: Precondition }
  | { op: "delete"; key: string; expect?: Precondition };

/** One result of an atomic batch. `value` is serialized JSON. */
export type StoreBatchResult =
  | {
      op: "get";
      key: string;
      found: true;
      value: string;
      version: number;
      expiresAt: number | null;
    }
  | { op: "get"; key: string; found: false }
  | ({ op: "set"; key: string } & PutResult)
  | { op: "delete"; key: string; deleted: boolean };

/** An append to a list. */
export interface ListAppend {
  /** Serialized JSON items, in order. Never empty. */
  items: string[];
  /** New absolute expiry; undefined keeps the list's current one. */
  expiresAt?: number;
  /** Trim the oldest items so at most this many remain. */
  maxLength?: number;
  /** Refuse ({@link StoreLimitError}, nothing written) when the list would hold more than this. */
  maxListLength?: number;
}

/** Result of an append. */
export interface AppendResult {
  length: number;
  firstSeq: number;
  lastSeq: number;
  version: number;
}

/**
 * Which items of a list to read: the newest `last`, or at most `limit` after `after`; the read
 * stops early before the item that would take its values past `maxBytes` (the first item
 * always fits). A `last` window that stops early returns its oldest items.
 */
export type RangeWindow = ({ last: number } | { after: number; limit: number }) & {
  maxBytes?: number;
};

/** A list read. Item values are serialized JSON, oldest first. */
export interface RangeResult {
  items: { seq: number; value: string }[];
  length: number;
  version: number;
  /** The seq of the last item returned when the list holds items after it; else null. */
  nextAfter: number | null;
}

/** A whole-list replace. */
export interface ListReplace {
  items: string[];
  expiresAt: number | null;
  expect?: Precondition;
}

/** Result of a replace. */
export interface ReplaceResult {
  length: number;
  version: number;
  created: boolean;
}

/** Totals over live keys. */
export interface StoreStats {
  totalEntries: number;
  totalNamespaces: number;
  totalBytes: number;
}

/** An access token as stored: scoped to namespace patterns, maybe read-only, maybe expiring. */
export interface TokenRecord {
  /** Public id, used to list and revoke. */
  id: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
  /** Namespace patterns; `*` matches any run of characters (`user-*`, `*`). */
  namespaces: string[];
  readOnly: boolean;
  label: string | null;
  createdAt: number;
  expiresAt: number | null;
}

/** The outcome of counting writes against a quota. */
export interface QuotaUse {
  allowed: boolean;
  /** Writes counted for the day, after this call when allowed. */
  used: number;
}
