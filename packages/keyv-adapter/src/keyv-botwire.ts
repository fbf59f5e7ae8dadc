import { EventEmitter } from "node:events";
import { BotWireValidationError, type JsonValue, Memory } from "@botwire/core";
import { DEFAULT_LIMITS } from "@botwire/core/protocol";
import {
  type KeyvStorageCapability,
  type KeyvStorageEntry,
  type KeyvStorageGetResult,
  keyvStorageCapability,
} from "keyv";
import { inChunks } from "./in-chunks.js";
import { ttlSeconds } from "./ttl-seconds.js";

/** Options of {@link KeyvBotWire}. */
export interface KeyvBotWireOptions {
  /**
   * The client to use (its namespace, URL, token, retries, timeout). When given, `url`,
   * `token` and `namespace` are ignored.
   * @default new Memory(namespace, { url, token })
   */
  memory?: Memory;
  /** Base URL of the BotWire server. @default process.env.BOTWIRE_URL, else "http://127.0.0.1:8790" */
  url?: string;
  /** Bearer token, for servers with tokens configured. @default process.env.BOTWIRE_TOKEN */
  token?: string;
  /**
   * The BotWire namespace the entries live in. Not Keyv's namespace: that one becomes a key
   * prefix (`<keyv namespace>::<key>`) inside this namespace.
   * @default "keyv"
   */
  namespace?: string;
  /**
   * Most keys per request: the batch calls of `getMany`, `setMany`, `deleteMany` and
   * `hasMany`, and the key pages `iterator()` and `clear()` read. 1–1000.
   * @default 1000 (the protocol's limit on batch operations and on a key page)
   */
  batchSize?: number;
}

/** Separator between Keyv's namespace and the key, the one Keyv's own adapters and @keyv/redis use. */
const SEPARATOR = "::";

/**
 * A Keyv 6 storage adapter on BotWire memory: entries survive restarts and are shared by every
 * process that points at the same server. It implements the v6 contract natively (absolute
 * `expires`, its own namespacing, arrays from `deleteMany` / `hasMany`), so Keyv uses it
 * directly instead of wrapping it in its legacy bridge.
 *
 * - Expiry is the server's: a value set with a TTL is gone for every client at its deadline,
 *   whether or not Keyv's envelope is checked.
 * - `getMany`, `setMany`, `deleteMany` and `hasMany` are one batch call per `batchSize` keys;
 *   each call is atomic, so a failure leaves earlier chunks applied and later ones untouched.
 * - Keyv's namespace is a key prefix: `clear()` and `iterator()` only touch that prefix.
 * - Failures reject with `@botwire/core`'s typed `BotWireError`s; Keyv turns them into its
 *   `error` event when it has a listener.
 *
 * @example
 * ```ts
 * const keyv = new Keyv({ store: new KeyvBotWire({ url: "http://127.0.0.1:8790" }), namespace: "cache" });
 * await keyv.set("user:42", { name: "Ada" }, 60_000);
 * ```
 */
export class KeyvBotWire extends EventEmitter {
  /** Keyv's namespace, assigned by Keyv; keys, `clear()` and `iterator()` are scoped to it. */
  namespace?: string;
  /** The client the entries go through. */
  readonly memory: Memory;
  readonly #batchSize: number;

  /**
   * @param options the client (or its URL, token and namespace) and the batch size
   * @throws {BotWireValidationError} for an invalid namespace or `batchSize`, before any request
   */
  constructor(options: KeyvBotWireOptions = {}) {
    super();
    this.#batchSize = checkBatchSize(options.batchSize ?? DEFAULT_LIMITS.maxBatchOps);
    this.memory =
      options.memory ??
      new Memory(options.namespace ?? "keyv", { url: options.url, token: options.token });
  }

  /** Declares the v6 contract (absolute `expires`), so Keyv uses this adapter directly. */
  get capabilities(): KeyvStorageCapability {
    return keyvStorageCapability(this);
  }

  /** The stored (Keyv-encoded) value of `key`, or undefined when absent or expired. */
  async get<Value>(key: string): Promise<KeyvStorageGetResult<Value>> {
    return this.memory.get<KeyvStorageGetResult<Value>>(this.#key(key));
  }

  /** The stored values of `keys`, in order, undefined where absent: one batch call per chunk. */
  async getMany<Value>(keys: string[]): Promise<Array<KeyvStorageGetResult<Value | undefined>>> {
    return inChunks(keys, this.#batchSize, (chunk) =>
      this.memory.getMany<KeyvStorageGetResult<Value>>(chunk.map((key) => this.#key(key))),
    );
  }

  /**
   * Stores `value` under `key` until `expires` (Unix ms), enforced by the server. An `expires`
   * already past deletes the key instead: the value would be expired on arrival.
   * @throws {BotWireValidationError} when `expires` is keyv 5's relative ttl, not a Unix time
   */
  async set(key: string, value: unknown, expires?: number): Promise<boolean> {
    const ttl = ttlSeconds(expires, Date.now());
    if (ttl === "expired") {
      await this.memory.delete(this.#key(key));
    } else {
      await this.memory.set(this.#key(key), value as JsonValue, { ttl });
    }
    return true;
  }

  /** Stores many entries: one atomic batch call per chunk, in order. */
  async setMany<Value>(entries: KeyvStorageEntry<Value>[]): Promise<boolean[]> {
    const now = Date.now();
    return inChunks(entries, this.#batchSize, async (chunk) => {
      const ops = chunk.map(({ key, value, expires }) => {
        const ttl = ttlSeconds(expires, now);
        return ttl === "expired"
          ? { op: "delete" as const, key: this.#key(key) }
          : { op: "set" as const, key: this.#key(key), value: value as JsonValue, ttl };
      });
      await this.memory.batch(ops);
      return chunk.map(() => true);
    });
  }

  /** Deletes `key`; false when it did not exist. */
  async delete(key: string): Promise<boolean> {
    return this.memory.delete(this.#key(key));
  }

  /** Deletes `keys`, true where a key existed: one atomic batch call per chunk. */
  async deleteMany(keys: string[]): Promise<boolean[]> {
    return inChunks(keys, this.#batchSize, (chunk) =>
      this.memory.deleteMany(chunk.map((key) => this.#key(key))),
    );
  }

  /** Whether `key` exists and has not expired. */
  async has(key: string): Promise<boolean> {
    return this.memory.has(this.#key(key));
  }

  /** Whether each of `keys` exists: one batch call per chunk. */
  async hasMany(keys: string[]): Promise<boolean[]> {
    return inChunks(keys, this.#batchSize, async (chunk) => {
      const results = await this.memory.batch(
        chunk.map((key) => ({ op: "get" as const, key: this.#key(key) })),
      );
      return results.map((result) => result.op === "get" && result.found);
    });
  }

  /**
   * Deletes the entries of Keyv's namespace: page by page (one listing and one atomic batch
   * delete per `batchSize` keys), so it is not atomic as a whole. Without a Keyv namespace it
   * deletes the whole BotWire namespace in one call, like `Map.clear()` under Keyv.
   */
  async clear(): Promise<void> {
    const prefix = this.#prefix();
    if (prefix === "") {
      await this.memory.clear();
      return;
    }
    let cursor: string | undefined;
    do {
      const page = await this.memory.listPage({ prefix, limit: this.#batchSize, cursor });
      // The cursor names the last key returned, so deleting the page does not shift the next one.
      await this.memory.deleteMany(page.items.map((item) => item.key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * Every `[key, stored value]` of Keyv's namespace (keys without the prefix), in UTF-8 byte
   * order: one key listing and one batch read per `batchSize` keys, fetched lazily. Keys
   * deleted or expired between the two calls are skipped; lists in the namespace are not Keyv
   * entries and are skipped too.
   */
  async *iterator<Value>(): AsyncGenerator<[string, KeyvStorageGetResult<Value>], void> {
    const prefix = this.#prefix();
    let cursor: string | undefined;
    do {
      const page = await this.memory.listPage({ prefix, limit: this.#batchSize, cursor });
      const keys = page.items.filter((item) => item.kind === "value").map((item) => item.key);
      const values = await this.memory.getMany<KeyvStorageGetResult<Value>>(keys);
      for (const [index, key] of keys.entries()) {
        const value = values[index];
        if (value !== undefined) yield [key.slice(prefix.length), value];
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  #prefix(): string {
    return this.namespace ? `${this.namespace}${SEPARATOR}` : "";
  }

  #key(key: string): string {
    return `${this.#prefix()}${key}`;
  }
}

/** `size` when it is a valid batch size, else a validation error that says what is allowed. */
function checkBatchSize(size: number): number {
  const max = DEFAULT_LIMITS.maxBatchOps;
  if (Number.isInteger(size) && size >= 1 && size <= max) return size;
  throw new BotWireValidationError({
    statusCode: 0,
    code: "invalid_request",
    message: `batchSize must be an integer from 1 to ${max} (got ${size}): the protocol's limit on batch operations and key pages.`,
    details: { field: "batchSize" },
  });
}
