import type { EntryKind, KeyInfo, Precondition } from "@botwire/core/protocol";

export type { Precondition };

/**
 * The data operations of the protocol: what a storage engine behind the server implements.
 * The HTTP layer only ever sees this interface (with {@link AccessStore} and, optionally,
 * {@link RecencyStore}), so an engine is added by implementing it and passing the store suite
 * (`storeBehaviourSuite` from `@botwire/server/testing`) and the contract suite.
 *
 * Values and list items cross this boundary as serialized JSON text: the HTTP layer validates
 * and serializes once, and the store never parses them. Every method takes `now` (epoch ms)
 * from the caller's clock, so expiry is decided in one place and tests can move time.
 * Each call is atomic. Failed preconditions throw {@link StoreConflictError}; a store that
 * cannot reach its engine throws {@link StoreUnavailableError} (503).
 */
export interface Store {
  /** A live entry of either kind, or undefined when absent or expired. */
  get(namespace: string, key: string, now: number): Promise<StoredEntry | undefined>;

  /**
   * Writes a JSON value. Throws `wrong_kind` when the key holds a list, and
   * {@link StoreQuotaError} (writing nothing) past `write.maxNamespaceBytes`.
   */
  put(namespace: string, key: string, write: ValueWrite, now: number): Promise<PutResult>;

  /** Deletes a key of either kind (or only of `kind`). False when it was absent. */
  delete(namespace: string, key: string, options: DeleteOptions, now: number): Promise<boolean>;

  /** Live keys in ascending (UTF-8 byte) order, starting after `after`, at most `limit`. */
  listKeys(namespace: string, options: ListKeysOptions, now: number): Promise<KeyInfo[]>;

  /**
   * Runs the ops in one transaction: all writes commit or none (the first failure throws,
   * naming its op's `index`). Gets that would read more than `options.maxReadBytes` of values
   * throw {@link StoreReadLimitError}; a batch that would grow the namespace past
   * `options.maxNamespaceBytes` throws {@link StoreQuotaError}.
   */
  batch(
    namespace: string,
    ops: StoreBatchOp[],
    now: number,
    options?: BatchOptions,
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
   * Deletes expired keys (with their list items), at most `limit` of them. Returns how many
   * keys were deleted. (An engine that also keeps quota counters drops stale days here.)
   */
  sweepExpired(now: number, limit: number): Promise<number>;

  /** Resolves when the store can serve requests; rejects when it cannot. */
  ping(): Promise<void>;

  /** Finishes pending work and releases the engine. The store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Access tokens and write-quota counters: what `--admin-token` and `--write-quota` need.
 * Kept apart from the data so an engine's tests (and a reader) see each concern alone.
 */
export interface AccessStore {
  /** Saves a new access token (only its hash; the secret is never stored). */
  putToken(token: TokenRecord): Promise<void>;

  /** The token with this hash, unless revoked or expired at `now`. */
  findToken(hash: string, now: number): Promise<TokenRecord | undefined>;

  /** Every token that is not revoked, newest first. */
  listTokens(): Promise<TokenRecord[]>;

  /** Revokes a token by id at `now`. False when there was none (or it was revoked already). */
  revokeToken(id: string, now: number): Promise<boolean>;

  /**
   * Counts `count` writes against a namespace's quota for `day` (UTC, `YYYY-MM-DD`), atomically:
   * refused, and not counted, when they would take it past `limit`. Shared by every replica.
   */
  consumeWrites(namespace: string, day: string, count: number, limit: number): Promise<QuotaUse>;
}

/**
 * What only the BotWire-compatible surface needs: recency and totals. Optional: the handler
 * detects it (`hasRecency`); on an engine without it, `GET /memory/{ns}` and
 * `GET /stats/memory` answer 404 `route_not_found` and every other route works.
 */
export interface RecencyStore {
  /** Live keys, most recently updated first (the BotWire-compatible listing). */
  listRecent(namespace: string, limit: number, now: number): Promise<RecentKey[]>;

  /** Totals over live keys, for `GET /stats/memory`. */
  stats(now: number): Promise<StoreStats>;
}

/** A store the server runs on: the data, the access records, maybe recency. */
export type ServerStore = Store & AccessStore & Partial<RecencyStore>;

/** Which entries a delete may remove. */
export interface DeleteOptions {
  expect?: Precondition;
  /** Only a key of this kind (`wrong_kind` otherwise). @default either kind */
  kind?: EntryKind;
}

/** A page of key listing. */
export interface ListKeysOptions {
  /** Only keys starting with this exact text. @default every key */
  prefix?: string;
  /** Keys after this one. @default from the first */
  after?: string;
  limit: number;
}

/** Limits of a batch. */
export interface BatchOptions extends StorageCap {
  /** Most bytes of values the batch's gets may read together. @default no limit */
  maxReadBytes?: number;
}

/** One row of the BotWire-compatible listing. */
export interface RecentKey {
  key: string;
  /**
   * Characters (Unicode code points), as BotWire counts them: of the string for a string
   * value, of the JSON text for any other value; for a list, the UTF-8 bytes of its JSON text
   * (equal to its characters when the items are ASCII), taken from stored sizes without
   * reading the items.
   */
  chars: number;
  updatedAt: number;
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

/**
 * The storage cap a write checks inside its own transaction, against what it really wrote:
 * a write that leaves the namespace's live keys holding more than `maxNamespaceBytes` bytes,
 * and grew them, is refused with {@link StoreQuotaError} and rolled back. Writes that do not
 * grow the namespace (deletes, smaller values) always pass. Writers that grow a namespace are
 * serialized for the check, so concurrent writes (on any replica) cannot pass it together.
 */
export interface StorageCap {
  /** Most bytes the namespace's live values and list items may hold. @default no cap */
  maxNamespaceBytes?: number;
}

/** A value write. */
export interface ValueWrite extends StorageCap {
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
export interface ListAppend extends StorageCap {
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
export interface ListReplace extends StorageCap {
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
