import { BotWireConflictError } from "../errors/botwire-conflict-error.js";
import { BotWireValidationError } from "../errors/botwire-validation-error.js";
import { DEFAULT_RANGE_PAGE } from "../protocol/limits.js";
import { describeInvalidNamespace, isValidNamespace } from "../protocol/names.js";
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
import { checkTtl, encodeKey, invalidCall, preconditionHeaders } from "./check-arguments.js";
import { HttpTransport, type TransportRequest } from "./http-transport.js";
import { type MemoryOptions, resolveMemoryOptions } from "./memory-options.js";
import type { Entry, RangeOptions, SetOptions } from "./memory-types.js";

/**
 * Persistent memory for one namespace on a BotWire server: JSON values with TTL and versions,
 * and lists (chat histories) with atomic appends. Every method is one HTTP call unless said
 * otherwise; names are checked before sending, failures are typed `BotWireError`s.
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
   * @param namespace 1–128 characters of `A-Z a-z 0-9 _ - . :`, not `.` or `..`
   * @param options server URL, token, fetch, timeout, retries and headers
   * @throws {BotWireValidationError} `invalid_namespace`, before any request
   */
  constructor(namespace: string, options?: MemoryOptions) {
    if (!isValidNamespace(namespace)) {
      throw invalidCall("invalid_namespace", describeInvalidNamespace());
    }
    this.namespace = namespace;
    this.#base = `/v1/namespaces/${encodeURIComponent(namespace)}`;
    this.#transport = new HttpTransport(resolveMemoryOptions(options));
  }

  /**
   * The value under `key`, or undefined when absent or expired.
   * @throws {BotWireWrongKindError} when `key` holds a list
   */
  async get<T = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getEntry<T>(key))?.value;
  }

  /**
   * The value under `key` with its version and times, or undefined when absent or expired.
   * @throws {BotWireWrongKindError} when `key` holds a list
   */
  async getEntry<T = JsonValue>(key: string): Promise<Entry<T> | undefined> {
    const { body } = await this.#send({ method: "GET", path: this.#key(key), accept: ABSENT });
    if (body === undefined) return undefined;
    const { kind: _kind, ...entry } = body as EntryResponse<T>;
    return entry;
  }

  /**
   * Stores a JSON value under `key` (`null` included). Without `ttl` it never expires.
   * @throws {BotWireConflictError} when `ifVersion` / `ifAbsent` does not hold
   * @throws {BotWireWrongKindError} when `key` holds a list (delete it first)
   */
  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<WriteResult> {
    const { status, body } = await this.#send({
      method: "PUT",
      path: this.#key(key),
      body: { value, ttl: checkTtl(options.ttl) },
      headers: preconditionHeaders(options),
    });
    return { ...(body as PutResponse), created: status === 201 };
  }

  /**
   * Deletes `key`, a value or a list. Resolves false when it did not exist.
   * @throws {BotWireConflictError} when `ifVersion` does not match
   */
  async delete(key: string, options: { ifVersion?: number } = {}): Promise<boolean> {
    const { status } = await this.#send({
      method: "DELETE",
      path: this.#key(key),
      headers: preconditionHeaders(options),
      accept: ABSENT,
    });
    return status !== 404;
  }

  /** Whether `key` holds a value or a list. */
  async has(key: string): Promise<boolean> {
    const { status } = await this.#send({
      method: "GET",
      path: this.#key(key),
      accept: ["not_found", "wrong_kind"],
    });
    return status !== 404;
  }

  /**
   * One page of keys with their kind, size, version and times, in UTF-8 byte order; pass
   * `nextCursor` back as `cursor` for the next page (null at the end).
   * @param options.limit 1–1000 @default 100
   */
  async listPage(
    options: { prefix?: string; limit?: number; cursor?: string } = {},
  ): Promise<ListKeysResponse> {
    const { prefix, limit, cursor } = options;
    const { body } = await this.#send({
      method: "GET",
      path: `${this.#base}/keys`,
      query: { prefix, limit, cursor },
    });
    return body as ListKeysResponse;
  }

  /**
   * Every key (optionally under a prefix) in UTF-8 byte order, fetching pages lazily. A key
   * is never yielded twice, even under concurrent writes.
   * @param options.pageSize keys per request, 1–1000 @default 1000
   */
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

  /** Every key (optionally under a prefix), in UTF-8 byte order; follows all pages. */
  async list(options: { prefix?: string } = {}): Promise<string[]> {
    const keys: string[] = [];
    for await (const key of this.keys(options)) keys.push(key);
    return keys;
  }

  /**
   * Runs gets, sets and deletes in one atomic call: all writes commit, or none (the error's
   * `details.index` names the failing op). Gets see the writes of earlier ops. `[]` resolves
   * `[]` without a request. Retried only when it holds nothing but gets.
   */
  async batch(ops: BatchOp[]): Promise<BatchResult[]> {
    if (ops.length === 0) return [];
    for (const op of ops) {
      encodeKey(op.key);
      if (op.op === "set") checkTtl(op.ttl);
    }
    const readOnly = ops.every((op) => op.op === "get");
    try {
      const { body } = await this.#send({
        method: "POST",
        path: `${this.#base}/batch`,
        body: { ops },
        idempotent: readOnly,
      });
      return (body as BatchResponse).results;
    } catch (error) {
      // A batch of gets whose values pass the server's per-response read cap is refused at
      // the op that did not fit: read the rest in further batches. (Only reads: the parts are
      // no longer one snapshot, which matters to writes, not to independent gets.)
      const index = readCapIndex(error);
      if (!readOnly || index === undefined) throw error;
      return [...(await this.batch(ops.slice(0, index))), ...(await this.batch(ops.slice(index)))];
    }
  }

  /** The values of many keys in one call, in order, undefined where absent. */
  async getMany<T = JsonValue>(keys: string[]): Promise<(T | undefined)[]> {
    const results = await this.batch(keys.map((key) => ({ op: "get" as const, key })));
    return results.map((result) =>
      result.op === "get" && result.found ? (result.value as T) : undefined,
    );
  }

  /**
   * Writes many keys in one atomic call: all or none.
   * @throws {BotWireConflictError} when an `ifVersion` does not hold (0: must be absent)
   */
  async setMany(
    entries: { key: string; value: JsonValue; ttl?: number; ifVersion?: number }[],
  ): Promise<WriteResult[]> {
    const ops = entries.map(({ key, value, ttl, ifVersion }) => ({
      op: "set" as const,
      key,
      value,
      ttl,
      ifVersion,
    }));
    const results = (await this.batch(ops)) as ({ op: "set" } & WriteResult)[];
    return results.map(({ op: _op, ...write }) => write);
  }

  /** Deletes many values in one atomic call; true where a key existed. */
  async deleteMany(keys: string[]): Promise<boolean[]> {
    const results = await this.batch(keys.map((key) => ({ op: "delete" as const, key })));
    return results.map((result) => result.op === "delete" && result.deleted);
  }

  /**
   * Read-modify-write without lost updates: reads `key`, applies `fn`, writes the result only
   * if nobody wrote in between (`ifVersion`, or `ifAbsent` for a new key), and starts over
   * from the read when someone did. `fn` may therefore run more than once.
   * @param options.ttl seconds to live of the written value
   * @param options.maxAttempts reads-and-writes before giving up @default 10
   * @returns the value written
   * @throws {BotWireConflictError} after `maxAttempts` lost races
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
        // Spread contending writers apart (random, growing) so one of them wins each round.
        const spread = Math.min(2 ** attempt, 100);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * spread));
      }
    }
  }

  /** Deletes every key of the namespace, values and lists. */
  async clear(): Promise<void> {
    await this.#send({ method: "DELETE", path: this.#base });
  }

  /**
   * Appends items to the list under `key` in one atomic call, creating it if absent or
   * expired. Concurrent appends never lose or interleave items. Never sent twice after a lost
   * answer (it is not idempotent): on a network error or timeout, read before appending again.
   * @param items at least one (`[]` is refused before sending), at most 1000 per call
   * @param options.ttl seconds to live of the whole list, refreshed by each append passing it;
   *   without it the list keeps its expiry
   * @param options.maxLength trim the oldest items so that at most this many remain
   * @throws {BotWireWrongKindError} when `key` holds a value
   */
  async append(
    key: string,
    items: JsonValue[],
    options: { ttl?: number; maxLength?: number } = {},
  ): Promise<AppendResponse> {
    if (items.length === 0) {
      throw invalidCall("invalid_request", "append needs at least one item: skip the call.");
    }
    const { body } = await this.#send({
      method: "POST",
      path: this.#list(key),
      body: { items, ttl: checkTtl(options.ttl), maxLength: options.maxLength },
      idempotent: false,
    });
    return body as AppendResponse;
  }

  /**
   * Items of the list under `key`, oldest first, each with its `seq`; [] when absent.
   * `{ last: n }` reads the newest n and `{ after, limit }` at most `limit` after `after`.
   * Without options (or with only `after`) it reads the whole list (after `after`). Either way
   * it pages for you: the server ends a page early at its byte cap (8 MiB of values by default)
   * and says where to continue, so a long list arrives in several requests.
   * @throws {BotWireWrongKindError} when `key` holds a value
   */
  async range<T = JsonValue>(key: string, options?: RangeOptions): Promise<ListItem<T>[]> {
    const window = (options ?? {}) as { last?: number; limit?: number };
    let wanted = window.last ?? window.limit ?? Number.POSITIVE_INFINITY;
    const items: ListItem<T>[] = [];
    let largestPage = 0;
    let page = await this.getList<T>(key, options);
    while (page) {
      items.push(...page.items);
      wanted -= page.items.length;
      largestPage = Math.max(largestPage, page.items.length);
      if (page.nextAfter === null || page.items.length === 0 || wanted <= 0) break;
      // A window asks for what is left of it; a whole-list read for pages as large as the
      // server gave, or its default page.
      const limit = Number.isFinite(wanted)
        ? wanted
        : largestPage > DEFAULT_RANGE_PAGE
          ? largestPage
          : undefined;
      page = await this.getList<T>(key, { after: page.nextAfter, limit });
    }
    return items;
  }

  /**
   * One read of the list under `key`: the items (as for {@link Memory.range}, but a single
   * page, which the server may end early at its byte cap) with the list's `length`, `version`
   * and `nextAfter` (pass it as `after` to continue; null at the end); undefined when absent.
   * @throws {BotWireWrongKindError} when `key` holds a value
   */
  async getList<T = JsonValue>(
    key: string,
    options: RangeOptions = {},
  ): Promise<RangeResponse<T> | undefined> {
    const { body } = await this.#send({
      method: "GET",
      path: this.#list(key),
      query: options as Record<string, number | undefined>,
      accept: ABSENT,
    });
    return body as RangeResponse<T> | undefined;
  }

  /**
   * Replaces the whole list under `key`, creating it if needed; `[]` leaves an empty list.
   * New items get seqs after the highest the list ever had. Without `ttl` it never expires.
   * @throws {BotWireConflictError} when `ifVersion` / `ifAbsent` does not hold
   * @throws {BotWireWrongKindError} when `key` holds a value
   */
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

  /**
   * Deletes the list under `key`. Resolves false when it did not exist.
   * @throws {BotWireWrongKindError} when `key` holds a value (use `delete` for either kind)
   */
  async deleteList(key: string): Promise<boolean> {
    const { status } = await this.#send({
      method: "DELETE",
      path: this.#list(key),
      accept: ABSENT,
    });
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

/** The error code that means "nothing there": an answer for reads and deletes. */
const ABSENT = ["not_found"] as const;

/** The op a read-capped batch stopped at (`limit_exceeded` on `ops` with an index > 0). */
function readCapIndex(error: unknown): number | undefined {
  if (!BotWireValidationError.isInstance(error) || error.code !== "limit_exceeded") return;
  const { field, index } = error.details;
  return field === "ops" && typeof index === "number" && index > 0 ? index : undefined;
}
