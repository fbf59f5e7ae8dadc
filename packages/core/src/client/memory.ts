import { BotWireConflictError } from "../errors/botwire-conflict-error.js";
import { BotWireValidationError } from "../errors/botwire-validation-error.js";
import {
  describeInvalidKey,
  describeInvalidNamespace,
  isValidKey,
  isValidNamespace,
} from "../protocol/names.js";
import { isValidTtl } from "../protocol/ttl.js";
import type {
  AppendResponse,
  BatchOp,
  BatchResponse,
  BatchResult,
  EntryResponse,
  JsonValue,
  ListItem,
  ListKeysResponse,
  PutResponse,
  RangeResponse,
  ReplaceListResponse,
  WriteResult,
} from "../protocol/wire.js";
import { HttpTransport, type TransportRequest } from "./http-transport.js";
import { type MemoryOptions, resolveMemoryOptions } from "./memory-options.js";

/** A stored value with its metadata. */
export interface Entry<T = JsonValue> {
  key: string;
  value: T;
  /** Changes on every write; pass it as `ifVersion` for optimistic concurrency. */
  version: number;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms when the value expires, or null. */
  expiresAt: number | null;
}

/** Options of {@link Memory.set}. */
export interface SetOptions {
  /** Seconds to live; omitted means the value never expires. */
  ttl?: number;
  /** Write only if the key's current version is this (else {@link BotWireConflictError}). */
  ifVersion?: number;
  /** Write only if the key does not exist (else {@link BotWireConflictError}). */
  ifAbsent?: boolean;
}

/** Which items of a list to read. */
export type RangeOptions = { last?: number } | { after?: number; limit?: number };

/**
 * Persistent memory for one namespace on a BotWire server: JSON values with TTL and versions,
 * and lists (chat histories) with atomic appends.
 *
 * @example
 * ```ts
 * const memory = new Memory("user-sessions");
 * await memory.set("user:42", { name: "Ada" }, { ttl: 3600 });
 * await memory.append("chat:42", [{ role: "user", content: "hi" }]);
 * const recent = await memory.range("chat:42", { last: 20 });
 * ```
 */
export class Memory {
  /** The namespace every call of this client works in. */
  readonly namespace: string;
  readonly #transport: HttpTransport;
  readonly #base: string;

  /**
   * @param namespace 1–128 characters of `A-Z a-z 0-9 _ - . :`.
   * @throws {BotWireValidationError} when the namespace is invalid.
   */
  constructor(namespace: string, options?: MemoryOptions) {
    if (!isValidNamespace(namespace))
      throw invalid("invalid_namespace", describeInvalidNamespace());
    this.namespace = namespace;
    this.#base = `/v1/namespaces/${encodeURIComponent(namespace)}`;
    this.#transport = new HttpTransport(resolveMemoryOptions(options));
  }

  /** The value under `key`, or undefined when absent or expired. */
  async get<T = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getEntry<T>(key))?.value;
  }

  /** The value under `key` with its version and times, or undefined. */
  async getEntry<T = JsonValue>(key: string): Promise<Entry<T> | undefined> {
    const { status, body } = await this.#send({
      method: "GET",
      path: this.#key(key),
      accept: [404],
    });
    if (status === 404) return undefined;
    const { kind: _kind, ...entry } = body as EntryResponse<T>;
    return entry;
  }

  /** Stores a JSON value under `key`. */
  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<WriteResult> {
    const { status, body } = await this.#send({
      method: "PUT",
      path: this.#key(key),
      body: { value, ttl: checkTtl(options.ttl) },
      headers: preconditionHeaders(options),
    });
    return { ...(body as PutResponse), created: status === 201 };
  }

  /** Deletes `key` (a value or a list). Resolves false when it did not exist. */
  async delete(key: string, options: { ifVersion?: number } = {}): Promise<boolean> {
    const { status } = await this.#send({
      method: "DELETE",
      path: this.#key(key),
      headers: preconditionHeaders(options),
      accept: [404],
    });
    return status !== 404;
  }

  /** Whether `key` holds a value or a list. */
  async has(key: string): Promise<boolean> {
    const { status } = await this.#send({
      method: "GET",
      path: this.#key(key),
      accept: [404, 409],
    });
    return status !== 404;
  }

  /** One page of keys in byte order, with the cursor of the next page. */
  async listPage(
    options: { prefix?: string; limit?: number; cursor?: string } = {},
  ): Promise<ListKeysResponse> {
    const { body } = await this.#send({
      method: "GET",
      path: `${this.#base}/keys`,
      query: options,
    });
    return body as ListKeysResponse;
  }

  /** Every key (optionally under a prefix), following pages lazily. */
  async *keys(options: { prefix?: string; pageSize?: number } = {}): AsyncIterableIterator<string> {
    let cursor: string | undefined;
    do {
      const page = await this.listPage({
        prefix: options.prefix,
        limit: options.pageSize ?? 1000,
        cursor,
      });
      for (const item of page.items) yield item.key;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Every key (optionally under a prefix), in byte order. */
  async list(options: { prefix?: string } = {}): Promise<string[]> {
    const keys: string[] = [];
    for await (const key of this.keys(options)) keys.push(key);
    return keys;
  }

  /** Runs gets, sets and deletes in one atomic call: all writes commit, or none. */
  async batch(ops: BatchOp[]): Promise<BatchResult[]> {
    if (ops.length === 0) return [];
    for (const op of ops) {
      this.#key(op.key);
      if (op.op === "set") checkTtl(op.ttl);
    }
    const { body } = await this.#send({
      method: "POST",
      path: `${this.#base}/batch`,
      body: { ops },
      idempotent: ops.every((op) => op.op === "get"),
    });
    return (body as BatchResponse).results;
  }

  /** The values of many keys in one call, undefined where absent. */
  async getMany<T = JsonValue>(keys: string[]): Promise<(T | undefined)[]> {
    const results = await this.batch(keys.map((key) => ({ op: "get" as const, key })));
    return results.map((result) =>
      result.op === "get" && result.found ? (result.value as T) : undefined,
    );
  }

  /** Writes many keys in one atomic call. */
  async setMany(
    entries: { key: string; value: JsonValue; ttl?: number; ifVersion?: number }[],
  ): Promise<WriteResult[]> {
    const results = await this.batch(entries.map((entry) => ({ op: "set" as const, ...entry })));
    return results.map((result) => {
      if (result.op !== "set") throw new Error(`batch answered ${result.op} to a set`);
      const { op: _op, ...write } = result;
      return write;
    });
  }

  /** Deletes many keys in one atomic call; true where a key existed. */
  async deleteMany(keys: string[]): Promise<boolean[]> {
    const results = await this.batch(keys.map((key) => ({ op: "delete" as const, key })));
    return results.map((result) => result.op === "delete" && result.deleted);
  }

  /**
   * Read-modify-write without lost updates: reads `key`, applies `fn`, writes the result only
   * if nobody wrote in between, and retries from the read when someone did.
   * @throws {BotWireConflictError} after `maxAttempts` lost races (default 10).
   */
  async update<T = JsonValue>(
    key: string,
    fn: (current: T | undefined) => T | Promise<T>,
    options: { ttl?: number; maxAttempts?: number } = {},
  ): Promise<T> {
    const maxAttempts = options.maxAttempts ?? 10;
    for (let attempt = 1; ; attempt++) {
      const entry = await this.getEntry<T>(key);
      const next = await fn(entry?.value);
      try {
        await this.set(key, next as JsonValue, {
          ttl: options.ttl,
          ...(entry ? { ifVersion: entry.version } : { ifAbsent: true }),
        });
        return next;
      } catch (error) {
        if (!BotWireConflictError.isInstance(error) || attempt >= maxAttempts) throw error;
        // Spread contending writers apart so one of them wins the next round.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /** Deletes every key of the namespace. */
  async clear(): Promise<void> {
    await this.#send({ method: "DELETE", path: this.#base });
  }

  /**
   * Appends items to the list under `key` in one atomic call, creating it if needed. Concurrent
   * appends never lose or interleave items. Never retried blindly (it is not idempotent).
   * @param options.ttl seconds to live, refreshed by each append that passes it
   * @param options.maxLength trim the oldest items so at most this many remain
   */
  async append(
    key: string,
    items: JsonValue[],
    options: { ttl?: number; maxLength?: number } = {},
  ): Promise<AppendResponse> {
    const { body } = await this.#send({
      method: "POST",
      path: this.#list(key),
      body: { items, ttl: checkTtl(options.ttl), maxLength: options.maxLength },
      idempotent: false,
    });
    return body as AppendResponse;
  }

  /**
   * Items of the list under `key`, oldest first; [] when absent. `{ last: n }` reads the newest
   * n; `{ after, limit }` one page; no options the whole list (paged for you).
   */
  async range<T = JsonValue>(key: string, options?: RangeOptions): Promise<ListItem<T>[]> {
    if (options && ("last" in options || "limit" in options)) {
      return (await this.getList<T>(key, options))?.items ?? [];
    }
    const items: ListItem<T>[] = [];
    let page = await this.getList<T>(key, options);
    const pageSize = page?.items.length ?? 0;
    while (page && page.items.length > 0) {
      items.push(...page.items);
      if (page.items.length < pageSize || items.length >= page.length) break;
      page = await this.getList<T>(key, { after: page.items.at(-1)?.seq, limit: pageSize });
    }
    return items;
  }

  /** One read of the list under `key` with its length and version, or undefined when absent. */
  async getList<T = JsonValue>(
    key: string,
    options: RangeOptions = {},
  ): Promise<RangeResponse<T> | undefined> {
    const { status, body } = await this.#send({
      method: "GET",
      path: this.#list(key),
      query: options as Record<string, number | undefined>,
      accept: [404],
    });
    return status === 404 ? undefined : (body as RangeResponse<T>);
  }

  /** Replaces the whole list under `key` (creating it if needed). */
  async replaceList(
    key: string,
    items: JsonValue[],
    options: SetOptions = {},
  ): Promise<ReplaceListResponse> {
    const { body } = await this.#send({
      method: "PUT",
      path: this.#list(key),
      body: { items, ttl: checkTtl(options.ttl) },
      headers: preconditionHeaders(options),
    });
    return body as ReplaceListResponse;
  }

  /** Deletes the list under `key`. Resolves false when it did not exist. */
  async deleteList(key: string): Promise<boolean> {
    const { status } = await this.#send({ method: "DELETE", path: this.#list(key), accept: [404] });
    return status !== 404;
  }

  #send(request: Omit<TransportRequest, "idempotent"> & { idempotent?: boolean }) {
    return this.#transport.send({ idempotent: request.method !== "POST", ...request });
  }

  #key(key: string): string {
    return `${this.#base}/keys/${encodeKey(key)}`;
  }

  #list(key: string): string {
    return `${this.#base}/lists/${encodeKey(key)}`;
  }
}

function encodeKey(key: string): string {
  // "." and ".." must never reach a URL: parsers rewrite them even when percent-encoded.
  if (!isValidKey(key)) throw invalid("invalid_key", describeInvalidKey());
  return encodeURIComponent(key);
}

function invalid(code: "invalid_key" | "invalid_namespace", message: string) {
  return new BotWireValidationError({ message, statusCode: 0, code });
}

/** A ttl JSON can carry: NaN or Infinity would silently arrive as null (no expiry). */
function checkTtl(ttl: number | undefined): number | undefined {
  if (ttl === undefined || isValidTtl(ttl)) return ttl;
  throw new BotWireValidationError({
    message: `ttl must be a number of seconds, at least 0.001 (got ${ttl}); omit it for no expiry.`,
    statusCode: 0,
    code: "invalid_request",
  });
}

function preconditionHeaders(options: SetOptions): Record<string, string> {
  if (options.ifVersion !== undefined && options.ifAbsent) {
    throw new BotWireValidationError({
      message: "Pass ifVersion or ifAbsent, not both.",
      statusCode: 0,
      code: "invalid_request",
    });
  }
  if (options.ifAbsent) return { "if-none-match": "*" };
  if (options.ifVersion !== undefined) return { "if-match": `"${options.ifVersion}"` };
  return {};
}
