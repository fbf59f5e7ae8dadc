import {
  type BatchOp,
  BotWireConflictError,
  BotWireValidationError,
  type JsonValue,
  Memory,
} from "@botwire/core";
import { isValidTtl } from "@botwire/core/protocol";
import {
  BaseStore,
  type GetOperation,
  type Item,
  type ListNamespacesOperation,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchItem,
  type SearchOperation,
  validateNamespace,
} from "@langchain/langgraph-checkpoint";
import { matchesFilter } from "./matches-filter.js";
import { namespaceMatches } from "./namespace-matches.js";
import { MAX_REQUEST_ITEMS, requestChunks } from "./request-chunks.js";
import { itemKey, namespaceOfKey, namespacePrefix } from "./store-keys.js";
import { textMatchScore } from "./text-match-score.js";

/** Options of {@link BotWireStore}. */
export interface BotWireStoreOptions {
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "langgraph-store"
   */
  namespace?: string;
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /** Seconds an item lives after its last write (or read, with `refreshTtlOnRead`). @default no expiry */
  ttl?: number;
  /**
   * Whether `get` and `search` restart the TTL of the items they return (one extra batch).
   * @default false
   */
  refreshTtlOnRead?: boolean;
}

/** An item as stored: the value with its path and times (epoch ms). */
interface StoredItem {
  namespace: string[];
  key: string;
  value: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** What the reads of a batch found: the stored item and its version, per key. */
type Snapshot = Map<string, { item: StoredItem; version: number }>;

const MAX_ATTEMPTS = 10;

/**
 * LangGraph long-term memory (`BaseStore`) persisted in BotWire memory, with the semantics of
 * LangGraph's `InMemoryStore`: reads in a batch see the state before it; puts are de-duplicated
 * per item (the last wins) and applied after the reads, all in one atomic write; `search` takes
 * a namespace prefix, `filter` operators, `limit` and `offset`; `listNamespaces` takes prefix,
 * suffix, `maxDepth`, `limit` and `offset`.
 *
 * Differences, by design: search results come in (namespace labels…, key) order, not insertion
 * order; `listNamespaces` lists only namespaces that hold an item (an emptied namespace is gone,
 * as in LangGraph's Postgres store); a `query` ranks results by a plain text match (the share of
 * its words found in the item, as `score`), not by embeddings; values are stored as JSON.
 *
 * @example
 * ```ts
 * const store = new BotWireStore({ namespace: "my-agent", ttl: 30 * 86_400 });
 * await store.put(["users", "42", "memories"], "diet", { text: "vegetarian" });
 * const memories = await store.search(["users", "42"], { filter: { text: "vegetarian" } });
 * ```
 */
export class BotWireStore extends BaseStore {
  readonly #memory: Memory;
  readonly #ttl: number | undefined;
  readonly #refreshTtlOnRead: boolean;

  /** @throws {BotWireValidationError} `invalid_request` when `ttl` is not at least 0.001 seconds */
  constructor(options: BotWireStoreOptions = {}) {
    super();
    if (options.ttl !== undefined && !isValidTtl(options.ttl)) {
      throw new BotWireValidationError({
        statusCode: 0,
        code: "invalid_request",
        message: `ttl must be a number of seconds, at least 0.001 (got ${options.ttl}); omit it for no expiry.`,
        details: { field: "ttl" },
      });
    }
    this.#memory = options.memory ?? new Memory(options.namespace ?? "langgraph-store");
    this.#ttl = options.ttl;
    this.#refreshTtlOnRead = options.refreshTtlOnRead ?? false;
  }

  /**
   * Runs the operations: all reads first (one batch of gets, plus one key listing per search and
   * listNamespaces), then every put and delete in one atomic batch (several past 1000 writes or
   * 8 MiB).
   * @throws {InvalidNamespaceError} for an empty namespace or a label with `.` or `:`
   */
  async batch<Op extends readonly Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    for (const op of operations) {
      if ("namespace" in op) validateNamespace(op.namespace, { allowReservedRoot: true });
      if ("namespacePrefix" in op && op.namespacePrefix.length > 0) {
        validateNamespace(op.namespacePrefix, { allowReservedRoot: true });
      }
    }
    const puts = new Map<string, PutOperation>();
    for (const op of operations) {
      if ("value" in op) puts.set(itemKey(op.namespace, op.key), op);
    }
    const [searchKeys, namespaceKeys] = await Promise.all([
      Promise.all(operations.map((op) => ("namespacePrefix" in op ? this.#listKeys(op) : []))),
      Promise.all(operations.map((op) => ("matchConditions" in op ? this.#listAll(op) : []))),
    ]);
    const wanted = new Set([...puts.keys(), ...searchKeys.flat()]);
    for (const op of operations) if (isGet(op)) wanted.add(itemKey(op.namespace, op.key));
    const snapshot = await this.#read([...wanted]);
    const returned = new Set<string>();
    const results = operations.map((op, index) => {
      if ("namespacePrefix" in op)
        return this.#search(op, searchKeys[index] ?? [], snapshot, returned);
      if ("value" in op) return null; // as InMemoryStore answers a put
      if ("key" in op) return this.#get(op, snapshot, returned);
      return listNamespaces(op, namespaceKeys[index] ?? []);
    });
    await this.#write(puts, snapshot);
    if (this.#refreshTtlOnRead && this.#ttl !== undefined) {
      await this.#refresh(
        [...returned].filter((key) => !puts.has(key)),
        snapshot,
      );
    }
    return results as OperationResults<Op>;
  }

  #get(op: GetOperation, snapshot: Snapshot, returned: Set<string>): Item | null {
    const key = itemKey(op.namespace, op.key);
    const found = snapshot.get(key);
    if (!found) return null;
    returned.add(key);
    return toItem(found.item);
  }

  #search(
    op: SearchOperation,
    keys: string[],
    snapshot: Snapshot,
    returned: Set<string>,
  ): SearchItem[] {
    const offset = op.offset ?? 0;
    const limit = op.limit ?? 10;
    let candidates: { key: string; item: StoredItem; score?: number }[] = [];
    for (const key of keys) {
      const found = snapshot.get(key);
      if (found && matchesFilter(found.item.value, op.filter))
        candidates.push({ key, item: found.item });
    }
    const query = op.query;
    if (query !== undefined) {
      candidates = candidates.map((c) => ({ ...c, score: textMatchScore(query, c.item.value) }));
      // Stable: equal scores keep the (namespace, key) order.
      candidates.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    }
    return candidates.slice(offset, offset + limit).map(({ key, item, score }) => {
      returned.add(key);
      return query === undefined ? toItem(item) : { ...toItem(item), score };
    });
  }

  /** Keys under a search's namespace prefix, in (labels…, key) order. */
  #listKeys(op: SearchOperation): Promise<string[]> {
    return this.#memory.list({ prefix: namespacePrefix(op.namespacePrefix) });
  }

  /** Keys under the literal labels a listNamespaces prefix starts with (up to a `*`). */
  #listAll(op: ListNamespacesOperation): Promise<string[]> {
    const prefix = op.matchConditions?.find((c) => c.matchType === "prefix")?.path ?? [];
    const literal = prefix.slice(0, prefix.includes("*") ? prefix.indexOf("*") : prefix.length);
    return this.#memory.list({ prefix: namespacePrefix(literal) });
  }

  async #read(keys: string[]): Promise<Snapshot> {
    const snapshot: Snapshot = new Map();
    for (let start = 0; start < keys.length; start += MAX_REQUEST_ITEMS) {
      const chunk = keys.slice(start, start + MAX_REQUEST_ITEMS);
      const results = await this.#memory.batch(chunk.map((key) => ({ op: "get", key })));
      for (const result of results) {
        if (result.op === "get" && result.found) {
          snapshot.set(result.key, {
            item: result.value as unknown as StoredItem,
            version: result.version,
          });
        }
      }
    }
    return snapshot;
  }

  /**
   * Applies the puts in one atomic batch. Each write is conditional on the version the reads saw
   * (so `createdAt` carries over exactly); when another writer got in between, the written keys
   * are read again and the batch is retried.
   */
  async #write(puts: Map<string, PutOperation>, snapshot: Snapshot): Promise<void> {
    if (puts.size === 0) return;
    let current = snapshot;
    for (let attempt = 1; ; attempt++) {
      const now = Date.now();
      const ops = [...puts].map(([key, op]): BatchOp => {
        if (op.value === null) return { op: "delete", key };
        const before = current.get(key);
        const item: StoredItem = {
          namespace: op.namespace,
          key: op.key,
          value: op.value,
          createdAt: before?.item.createdAt ?? now,
          updatedAt: now,
        };
        return {
          op: "set",
          key,
          value: item as unknown as JsonValue,
          ttl: this.#ttl,
          ifVersion: before?.version ?? 0,
        };
      });
      try {
        for (const chunk of requestChunks(ops)) await this.#memory.batch(chunk);
        return;
      } catch (error) {
        if (!BotWireConflictError.isInstance(error) || attempt >= MAX_ATTEMPTS) throw error;
        current = await this.#read([...puts.keys()]);
      }
    }
  }

  /** Rewrites the items a read returned, unchanged, to restart their TTL. */
  async #refresh(keys: string[], snapshot: Snapshot): Promise<void> {
    let ops: BatchOp[] = keys.flatMap((key) => {
      const found = snapshot.get(key);
      return found
        ? [
            {
              op: "set" as const,
              key,
              value: found.item as unknown as JsonValue,
              ttl: this.#ttl,
              ifVersion: found.version,
            },
          ]
        : [];
    });
    while (ops.length > 0) {
      try {
        const [chunk = []] = requestChunks(ops);
        await this.#memory.batch(chunk);
        ops = ops.slice(chunk.length);
      } catch (error) {
        // Written by someone since the read: that write set its own TTL; refresh the others.
        const index = BotWireConflictError.isInstance(error) ? error.details?.index : undefined;
        if (typeof index !== "number") throw error;
        ops = ops.filter((_, i) => i !== index);
      }
    }
  }
}

function isGet(op: Operation): op is GetOperation {
  return "key" in op && !("value" in op);
}

function toItem(stored: StoredItem): Item {
  return {
    namespace: stored.namespace,
    key: stored.key,
    value: stored.value,
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}

/** `InMemoryStore`'s listNamespaces over the namespaces of `keys`. */
function listNamespaces(op: ListNamespacesOperation, keys: string[]): string[][] {
  const distinct = new Map<string, string[]>();
  for (const key of keys) {
    const namespace = namespaceOfKey(key);
    distinct.set(namespace.join(":"), namespace);
  }
  let namespaces = [...distinct.values()];
  const conditions = op.matchConditions ?? [];
  namespaces = namespaces.filter((ns) => conditions.every((c) => namespaceMatches(c, ns)));
  if (op.maxDepth !== undefined) {
    const depth = op.maxDepth;
    const cut = new Set(namespaces.map((ns) => ns.slice(0, depth).join(":")));
    namespaces = [...cut].map((ns) => ns.split(":"));
  }
  namespaces.sort((a, b) => a.join(":").localeCompare(b.join(":")));
  const offset = op.offset ?? 0;
  return namespaces.slice(offset, offset + (op.limit ?? namespaces.length));
}
