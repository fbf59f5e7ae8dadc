import type { AccessStore, QuotaUse, TokenRecord } from "../store.js";
import { toTokenRecord } from "../token-row.js";
import type { PostgresPool } from "./postgres-pool.js";

/** Access tokens and write-quota counters of the PostgreSQL store, shared by all replicas. */
export class PostgresAccess implements AccessStore {
  readonly #sql;

  constructor(
    private readonly pool: PostgresPool,
    schema: string,
  ) {
    this.#sql = {
      insertToken: `INSERT INTO ${schema}.tokens (id, hash, namespaces, read_only, label, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      findToken: `SELECT * FROM ${schema}.tokens
        WHERE hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
      listTokens: `SELECT * FROM ${schema}.tokens WHERE revoked_at IS NULL ORDER BY created_at DESC, id`,
      revokeToken: `UPDATE ${schema}.tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
      // One statement: counted only while under the limit, whatever other replicas do at once
      // (the upsert's row lock serializes them; the WHERE re-checks the latest count).
      consume: `INSERT INTO ${schema}.quota_usage AS q (ns, day, writes) VALUES ($1, $2, $3)
        ON CONFLICT (ns, day) DO UPDATE SET writes = q.writes + excluded.writes
        WHERE q.writes + excluded.writes <= $4
        RETURNING writes`,
      usage: `SELECT writes FROM ${schema}.quota_usage WHERE ns = $1 AND day = $2`,
      forgetUsage: `DELETE FROM ${schema}.quota_usage WHERE day < $1`,
    };
  }

  async putToken(t: TokenRecord): Promise<void> {
    await this.pool.query(this.#sql.insertToken, [
      t.id,
      t.hash,
      t.namespaces,
      t.readOnly,
      t.label,
      t.createdAt,
      t.expiresAt,
    ]);
  }

  async findToken(hash: string, now: number): Promise<TokenRecord | undefined> {
    const [row] = (await this.pool.query(this.#sql.findToken, [hash, now])).rows;
    return row && toTokenRecord(row);
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (await this.pool.query(this.#sql.listTokens)).rows.map(toTokenRecord);
  }

  async revokeToken(id: string, now: number): Promise<boolean> {
    return ((await this.pool.query(this.#sql.revokeToken, [id, now])).rowCount ?? 0) > 0;
  }

  async consumeWrites(ns: string, day: string, count: number, limit: number): Promise<QuotaUse> {
    if (count > limit) return { allowed: false, used: await this.#used(ns, day) };
    const [row] = (await this.pool.query(this.#sql.consume, [ns, day, count, limit])).rows;
    return row
      ? { allowed: true, used: row.writes }
      : { allowed: false, used: await this.#used(ns, day) };
  }

  /** Drops counters of days before `day`: quotas only ever look at today. */
  async forgetUsageBefore(day: string): Promise<void> {
    await this.pool.query(this.#sql.forgetUsage, [day]);
  }

  async #used(ns: string, day: string): Promise<number> {
    return (await this.pool.query(this.#sql.usage, [ns, day])).rows[0]?.writes ?? 0;
  }
}
