import type Database from "better-sqlite3";
import type { AccessStore, QuotaUse, TokenRecord } from "../store.js";
import { type TokenRow, toTokenRecord } from "../token-row.js";

/**
 * Access tokens and write-quota counters of the SQLite store. Each call goes through `run`,
 * the store's lock-waiting runner.
 */
export class SqliteAccess implements AccessStore {
  readonly #run: <T>(work: () => T) => Promise<T>;
  readonly #insertToken: Database.Statement;
  readonly #findToken: Database.Statement;
  readonly #listTokens: Database.Statement;
  readonly #revokeToken: Database.Statement;
  readonly #usage: Database.Statement;
  readonly #addUsage: Database.Statement;
  readonly #forgetUsage: Database.Statement;
  readonly #consume: Database.Transaction<
    (ns: string, day: string, count: number, limit: number) => QuotaUse
  >;

  constructor(db: Database.Database, run: <T>(work: () => T) => Promise<T>) {
    this.#run = run;
    this.#insertToken = db.prepare(
      `INSERT INTO tokens (id, hash, namespaces, read_only, label, created_at, expires_at)
       VALUES (:id, :hash, :namespaces, :readOnly, :label, :createdAt, :expiresAt)`,
    );
    this.#findToken = db.prepare(
      "SELECT * FROM tokens WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
    );
    this.#listTokens = db.prepare(
      "SELECT * FROM tokens WHERE revoked_at IS NULL ORDER BY created_at DESC, id",
    );
    this.#revokeToken = db.prepare(
      "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
    );
    this.#usage = db.prepare("SELECT writes FROM quota_usage WHERE ns = ? AND day = ?");
    this.#addUsage = db.prepare(
      `INSERT INTO quota_usage (ns, day, writes) VALUES (?, ?, ?)
       ON CONFLICT (ns, day) DO UPDATE SET writes = writes + excluded.writes`,
    );
    this.#forgetUsage = db.prepare("DELETE FROM quota_usage WHERE day < ?");
    this.#consume = db.transaction((ns: string, day: string, count: number, limit: number) => {
      const used = (this.#usage.get(ns, day) as { writes: number } | undefined)?.writes ?? 0;
      if (used + count > limit) return { allowed: false, used };
      this.#addUsage.run(ns, day, count);
      return { allowed: true, used: used + count };
    });
  }

  async putToken(token: TokenRecord): Promise<void> {
    const namespaces = JSON.stringify(token.namespaces);
    const readOnly = token.readOnly ? 1 : 0;
    await this.#run(() => this.#insertToken.run({ ...token, namespaces, readOnly }));
  }

  findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    return this.#run(() => {
      const row = this.#findToken.get(hash, now) as TokenRow | undefined;
      return row && toTokenRecord(row);
    });
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.#run(() => (this.#listTokens.all() as TokenRow[]).map(toTokenRecord));
  }

  revokeToken(id: string, now: number): Promise<boolean> {
    return this.#run(() => this.#revokeToken.run(now, id).changes > 0);
  }

  consumeWrites(ns: string, day: string, count: number, limit: number): Promise<QuotaUse> {
    return this.#run(() => this.#consume.immediate(ns, day, count, limit));
  }

  /** Drops counters of days before `day`: quotas only ever look at today. */
  forgetUsageBefore(day: string): void {
    this.#forgetUsage.run(day);
  }
}
