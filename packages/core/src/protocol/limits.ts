/** Size and count limits of the protocol. The server makes each configurable. */
export interface Limits {
  /** Largest serialized JSON value, in bytes. @default 1048576 (1 MiB) */
  maxValueBytes: number;
  /** Largest serialized list item, in bytes. @default 262144 (256 KiB) */
  maxItemBytes: number;
  /** Most items in one append. @default 1000 */
  maxAppendItems: number;
  /** Most items in one list replace. @default 100000 */
  maxReplaceItems: number;
  /** Longest key, in UTF-8 bytes; at most 512, the protocol's own limit. @default 512 */
  maxKeyBytes: number;
  /** Most items a list may hold; an append or replace past it is refused. @default unbounded */
  maxListLength: number;
  /** Most operations in one batch. @default 1000 */
  maxBatchOps: number;
  /** Deepest JSON nesting accepted in a body. @default 128 */
  maxJsonDepth: number;
  /** Largest `limit` on a key listing. @default 1000 */
  maxPageSize: number;
  /** Largest `last` / `limit` on a list read. @default 10000 */
  maxRangeItems: number;
  /**
   * Most bytes of serialized values one response carries: a list read stops before the item
   * that would pass it (and says where to continue), a batch whose gets would pass it is
   * refused. The first item or get always fits, so no value is unreadable. @default 8388608 (8 MiB)
   */
  maxReadBytes: number;
}

/** The protocol's default limits. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxValueBytes: 1024 * 1024,
  maxItemBytes: 256 * 1024,
  maxAppendItems: 1000,
  maxReplaceItems: 100_000,
  maxKeyBytes: 512,
  maxListLength: Number.POSITIVE_INFINITY,
  maxBatchOps: 1000,
  maxJsonDepth: 128,
  maxPageSize: 1000,
  maxRangeItems: 10_000,
  maxReadBytes: 8 * 1024 * 1024,
});

/** Default `limit` of a key listing. */
export const DEFAULT_PAGE_SIZE = 100;

/** Default `limit` of a list read with `after`. */
export const DEFAULT_RANGE_PAGE = 1000;

/** Longest value, in characters, that the BotWire-compatible `PUT /memory` accepts. */
export const BOTWIRE_MAX_VALUE_CHARS = 100_000;

/** Default `limit` of the BotWire-compatible key listing, `GET /memory/{ns}`. */
export const BOTWIRE_DEFAULT_LIST_LIMIT = 100;

/** Largest `limit` of the BotWire-compatible key listing, `GET /memory/{ns}`. */
export const BOTWIRE_MAX_LIST_LIMIT = 1000;
