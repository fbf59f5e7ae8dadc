import { type KeyInfo, ReadBudget } from "@botwire/core/protocol";
import {
  type AccessStore,
  type AppendResult,
  type BatchOptions,
  batchGetResult,
  capToCheck,
  type DeleteOptions,
  type EntryRow,
  enforceCap,
  existingEntry,
  type Growth,
  isLive,
  type ListAppend,
  type ListEntry,
  type ListKeysOptions,
  type ListReplace,
  listEntryAfter,
  nextAfterOf,
  type PutResult,
  planAppend,
  planDelete,
  planReplace,
  planValueWrite,
  putResultOf,
  type QuotaUse,
  type RangeResult,
  type RangeWindow,
  type ReplaceResult,
  type StorageCap,
  type Store,
  type StoreBatchOp,
  type StoreBatchResult,
  type StoredEntry,
  type TokenRecord,
  toKeyInfo,
  toStoredEntry,
  type ValueWrite,
} from "@botwire/server";

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * A third engine written the way CONTRIBUTING.md's "Adding a store" says, from the package's
 * public exports only: maps in memory, the shared planning functions deciding every write. It
 * lives in the tests (never shipped) to prove the recipe; it has no `RecencyStore` part.
 * Each call runs synchronously on a copy-on-write snapshot, so it is atomic.
 */
export class MemoryEngine implements Store, AccessStore {
  #entries = new Map<string, EntryRow & { ns: string }>();
  #items = new Map<string, Map<number, string>>();
  #version = 0;
  readonly #tokens = new Map<string, TokenRecord & { revoked: boolean }>();
  readonly #usage = new Map<string, number>();

  async get(ns: string, key: string, now: number): Promise<StoredEntry | undefined> {
    const row = this.#row(ns, key);
    return row && isLive(row, now) ? toStoredEntry(row) : undefined;
  }

  async put(ns: string, key: string, write: ValueWrite, now: number): Promise<PutResult> {
    return this.#atomic(ns, write, now, (growth) => this.#put(ns, key, write, now, growth));
  }

  async delete(ns: string, key: string, options: DeleteOptions, now: number): Promise<boolean> {
    return this.#atomic(ns, undefined, now, (growth) =>
      this.#delete(ns, key, options, now, growth),
    );
  }

  async listKeys(ns: string, options: ListKeysOptions, now: number): Promise<KeyInfo[]> {
    const after = Buffer.from(options.after ?? "");
    return [...this.#entries.values()]
      .filter((row) => row.ns === ns && isLive(row, now))
      .filter((row) => Buffer.compare(Buffer.from(row.key), after) > 0)
      .filter((row) => row.key.startsWith(options.prefix ?? ""))
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)))
      .slice(0, options.limit)
      .map(toKeyInfo);
  }

  async batch(
    ns: string,
    ops: StoreBatchOp[],
    now: number,
    options: BatchOptions = {},
  ): Promise<StoreBatchResult[]> {
    const budget = new ReadBudget(options.maxReadBytes);
    return this.#atomic(ns, options, now, (growth) =>
      ops.map((op, index): StoreBatchResult => {
        if (op.op === "set") {
          return { op: "set", key: op.key, ...this.#put(ns, op.key, op, now, growth, index) };
        }
        if (op.op === "delete") {
          const options = { ...op, kind: "value" as const };
          const deleted = this.#delete(ns, op.key, options, now, growth, index);
          return { op: "delete", key: op.key, deleted };
        }
        return batchGetResult(op.key, this.#row(ns, op.key), now, budget, index);
      }),
    );
  }

  async append(ns: string, key: string, append: ListAppend, now: number): Promise<AppendResult> {
    return this.#atomic(ns, append, now, (growth) => {
      const row = this.#existing(ns, key, now, "list");
      const plan = planAppend(row, append);
      const items = this.#itemsOf(ns, key);
      for (const [offset, value] of plan.items.entries()) items.set(plan.firstSeq + offset, value);
      let bytes = plan.untrimmedBytes;
      for (const [seq, value] of items) {
        if (plan.trimUpTo === undefined || seq > plan.trimUpTo) break;
        bytes -= utf8(value);
        items.delete(seq);
      }
      const version = this.#saveList(ns, key, listEntryAfter(row, plan, bytes, now), now, growth);
      return { length: plan.length, firstSeq: plan.firstSeq, lastSeq: plan.lastSeq, version };
    });
  }

  async range(
    ns: string,
    key: string,
    window: RangeWindow,
    now: number,
  ): Promise<RangeResult | undefined> {
    const row = this.#row(ns, key);
    if (!row || !isLive(row, now)) return undefined;
    existingEntry(row, now, "list");
    const all = [...this.#itemsOf(ns, key)].map(([seq, value]) => ({ seq, value }));
    const page =
      "last" in window
        ? all.slice(-window.last)
        : all.filter((item) => item.seq > window.after).slice(0, window.limit);
    const budget = new ReadBudget(window.maxBytes);
    const taken = page.findIndex((item) => !budget.take(utf8(item.value)));
    const items = taken === -1 ? page : page.slice(0, taken);
    return {
      items,
      length: row.length,
      version: row.version,
      nextAfter: nextAfterOf(items, row.next_seq),
    };
  }

  async replaceList(
    ns: string,
    key: string,
    replace: ListReplace,
    now: number,
  ): Promise<ReplaceResult> {
    return this.#atomic(ns, replace, now, (growth) => {
      const row = this.#existing(ns, key, now, "list");
      const plan = planReplace(row, replace);
      const items = new Map(plan.items.map((value, offset) => [plan.firstSeq + offset, value]));
      this.#items.set(this.#id(ns, key), items);
      const list = listEntryAfter(row, plan, plan.bytes, now);
      const version = this.#saveList(ns, key, list, now, growth);
      return { length: plan.length, version, created: row === undefined };
    });
  }

  async clearNamespace(ns: string): Promise<number> {
    const keys = [...this.#entries.values()].filter((row) => row.ns === ns);
    for (const row of keys) this.#purge(ns, row.key);
    return keys.length;
  }

  async sweepExpired(now: number, limit: number): Promise<number> {
    const expired = [...this.#entries.values()].filter((row) => !isLive(row, now)).slice(0, limit);
    for (const row of expired) this.#purge(row.ns, row.key);
    return expired.length;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  async putToken(token: TokenRecord): Promise<void> {
    this.#tokens.set(token.id, { ...token, revoked: false });
  }

  async findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    return (await this.listTokens()).find(
      (t) => t.hash === hash && (t.expiresAt === null || t.expiresAt > now),
    );
  }

  async listTokens(): Promise<TokenRecord[]> {
    return [...this.#tokens.values()]
      .filter((t) => !t.revoked)
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
      .map(({ revoked: _, ...token }) => token);
  }

  async revokeToken(id: string, _now: number): Promise<boolean> {
    const token = this.#tokens.get(id);
    if (!token || token.revoked) return false;
    token.revoked = true;
    return true;
  }

  async consumeWrites(ns: string, day: string, count: number, limit: number): Promise<QuotaUse> {
    const used = this.#usage.get(`${ns}\u0000${day}`) ?? 0;
    if (used + count > limit) return { allowed: false, used };
    this.#usage.set(`${ns}\u0000${day}`, used + count);
    return { allowed: true, used: used + count };
  }

  /** Runs `work` on copies of the maps, keeping them only when it succeeds: all or nothing. */
  #atomic<T>(ns: string, cap: StorageCap | undefined, now: number, work: (g: Growth) => T): T {
    const saved = { entries: this.#entries, items: this.#items };
    this.#entries = new Map(saved.entries);
    this.#items = new Map([...saved.items].map(([id, items]) => [id, new Map(items)]));
    try {
      const growth = { bytes: 0 };
      const result = work(growth);
      const limit = capToCheck(cap, growth);
      if (limit !== undefined) enforceCap(limit, this.#namespaceBytes(ns, now));
      return result;
    } catch (error) {
      // The version counter is not rolled back: a refusal may have shown a version already.
      this.#entries = saved.entries;
      this.#items = saved.items;
      throw error;
    }
  }

  #put(ns: string, key: string, write: ValueWrite, now: number, growth: Growth, index?: number) {
    const row = this.#existing(ns, key, now, "value", index);
    const plan = planValueWrite(row, write, now, index);
    growth.bytes += plan.growth;
    const version = ++this.#version;
    this.#entries.set(this.#id(ns, key), {
      ns,
      key,
      kind: "value",
      value: write.value,
      bytes: plan.bytes,
      version,
      created_at: plan.createdAt,
      updated_at: now,
      expires_at: write.expiresAt,
      length: 0,
      next_seq: 1,
    });
    return putResultOf(plan, write, version, now);
  }

  #delete(
    ns: string,
    key: string,
    options: DeleteOptions,
    now: number,
    growth: Growth,
    index?: number,
  ): boolean {
    const plan = planDelete(this.#row(ns, key), options, now, index);
    if (!plan) return false;
    growth.bytes -= plan.freed;
    this.#purge(ns, key);
    return true;
  }

  #saveList(ns: string, key: string, list: ListEntry, now: number, growth: Growth): number {
    growth.bytes += list.growth;
    const version = ++this.#version;
    this.#entries.set(this.#id(ns, key), {
      ns,
      key,
      kind: "list",
      value: null,
      bytes: list.bytes,
      version,
      created_at: list.createdAt,
      updated_at: now,
      expires_at: list.expiresAt,
      length: list.length,
      next_seq: list.nextSeq,
    });
    return version;
  }

  #existing(ns: string, key: string, now: number, kind: "value" | "list", index?: number) {
    const found = existingEntry(this.#row(ns, key), now, kind, index);
    if (found.purge) this.#purge(ns, key);
    return found.row;
  }

  #namespaceBytes(ns: string, now: number): number {
    let total = 0;
    for (const row of this.#entries.values()) {
      if (row.ns === ns && isLive(row, now)) total += row.bytes;
    }
    return total;
  }

  #row(ns: string, key: string): EntryRow | undefined {
    return this.#entries.get(this.#id(ns, key));
  }

  #itemsOf(ns: string, key: string): Map<number, string> {
    const id = this.#id(ns, key);
    const items = this.#items.get(id) ?? new Map<number, string>();
    this.#items.set(id, items);
    return items;
  }

  #purge(ns: string, key: string): void {
    this.#entries.delete(this.#id(ns, key));
    this.#items.delete(this.#id(ns, key));
  }

  #id(ns: string, key: string): string {
    return JSON.stringify([ns, key]);
  }
}
