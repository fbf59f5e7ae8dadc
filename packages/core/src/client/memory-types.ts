import type { JsonValue } from "../protocol/wire.js";

/** A stored value with its metadata, as `Memory.getEntry` returns it. */
export interface Entry<T = JsonValue> {
  /** The key it is stored under. */
  key: string;
  /** The stored JSON value. */
  value: T;
  /** Changes on every write; pass it as `ifVersion` for optimistic concurrency. Compare for equality only. */
  version: number;
  /** When the key was created (epoch ms). */
  createdAt: number;
  /** When the key was last written (epoch ms). */
  updatedAt: number;
  /** When the value expires (epoch ms), or null when it never does. */
  expiresAt: number | null;
}

/** Options of `Memory.set` and `Memory.replaceList`. */
export interface SetOptions {
  /** Seconds to live (at least 0.001); omitted means no expiry, clearing an earlier ttl. */
  ttl?: number;
  /** Write only if the key's current version is this one, else `BotWireConflictError`. */
  ifVersion?: number;
  /** Write only if the key does not exist, else `BotWireConflictError`. */
  ifAbsent?: boolean;
}

/**
 * Which items of a list to read: `{ last: n }` the newest n, `{ after, limit }` at most `limit`
 * items with a seq above `after`. Both at most 10 000 (the server's limit).
 */
export type RangeOptions = { last?: number } | { after?: number; limit?: number };
