import pg from "pg";
import { isConnectionLost, isTransient, mapPostgresError } from "./postgres-errors.js";

/** Options of {@link PostgresPool}. */
export interface PostgresPoolOptions {
  /** `postgres://user@host:port/database`. */
  connectionString: string;
  /** Most connections open at once. @default 10 */
  poolSize?: number;
  /** How long a call waits for a free or new connection before it fails as unavailable. @default 5000 */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run. PostgreSQL cancels it after this (`statement_timeout`);
   * when the database stops answering at all (a network partition), the client gives up on
   * the connection a second later. Either way the call fails as unavailable. @default 5000
   */
  statementTimeoutMs?: number;
  /** How long a statement may wait for a row or advisory lock (`lock_timeout`). @default 5000 */
  lockTimeoutMs?: number;
}

const BIGINT = 20;
const ATTEMPTS = 5;
// How much longer than statement_timeout the client waits for an answer before it decides the
// database is unreachable: room for PostgreSQL's own cancel to arrive first.
const NETWORK_GRACE_MS = 1000;
const ignore = () => {};

/**
 * A `pg.Pool` that speaks in store terms: connection failures become `StoreUnavailableError`,
 * bigint columns come back as numbers, and transactions are retried after a deadlock or a
 * serialization failure. Broken connections are dropped, so the pool heals by itself once
 * PostgreSQL is back.
 */
export class PostgresPool {
  readonly #pool: pg.Pool;

  constructor(options: PostgresPoolOptions) {
    const statementTimeout = options.statementTimeoutMs ?? 5000;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      statement_timeout: statementTimeout,
      lock_timeout: options.lockTimeoutMs ?? 5000,
      // A partition drops packets rather than refusing them: without this a query would wait
      // for TCP to give up (minutes). Timed-out connections are destroyed, never reused.
      query_timeout: statementTimeout + NETWORK_GRACE_MS,
      keepAlive: true,
      types: {
        // bigint columns hold epoch ms, versions, seqs and byte counts: all within 2^53.
        getTypeParser: ((oid: number, format?: string) =>
          oid === BIGINT
            ? Number
            : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection dying (database restart) must not crash the process; the pool has
    // already discarded it, and the next call opens a new one.
    this.#pool.on("error", ignore);
  }

  /** One statement outside a transaction. */
  async query(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
    try {
      return await this.#pool.query(text, params);
    } catch (error) {
      throw mapPostgresError(error);
    }
  }

  /**
   * Runs `work` in one transaction; runs it again (up to `attempts` times in all) after a
   * deadlock. Pass 1 for work that cannot be repeated (it consumes a stream).
   */
  async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    attempts = ATTEMPTS,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (error) {
        throw mapPostgresError(error);
      }
      // A checked-out client has no listener of the pool's: without one, a connection lost
      // between two statements would be an uncaught 'error' event.
      client.on("error", ignore);
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that timed out or failed is dropped as it is: a ROLLBACK on it would
        // only wait for the same silence (the server rolls back when the connection closes).
        broken = isConnectionLost(error);
        if (!broken) {
          await client.query("ROLLBACK").catch(() => {
            broken = true;
          });
        }
        if (!broken && isTransient(error) && attempt < attempts) continue;
        throw mapPostgresError(error);
      } finally {
        client.off("error", ignore);
        client.release(broken);
      }
    }
  }

  /** Connections checked out, and calls waiting for one. */
  usage(): { poolInUse: number; poolWaiting: number } {
    const pool = this.#pool;
    return { poolInUse: pool.totalCount - pool.idleCount, poolWaiting: pool.waitingCount };
  }

  /** Closes every connection. */
  async end(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
