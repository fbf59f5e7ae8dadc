import type { TokenRecord } from "./store.js";

/** A `tokens` row as either SQL store returns it. */
export interface TokenRow {
  id: string;
  hash: string;
  /** A JSON array in SQLite, a `text[]` in PostgreSQL. */
  namespaces: string | string[];
  /** 0/1 in SQLite, a boolean in PostgreSQL. */
  read_only: number | boolean;
  label: string | null;
  created_at: number;
  expires_at: number | null;
}

/** The store-level view of a token row. */
export function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    hash: row.hash,
    namespaces:
      typeof row.namespaces === "string"
        ? (JSON.parse(row.namespaces) as string[])
        : row.namespaces,
    readOnly: row.read_only === true || row.read_only === 1,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
