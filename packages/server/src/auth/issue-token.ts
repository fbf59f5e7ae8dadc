import { describeValidTtl, isPlainText, isValidTtl, ProtocolError } from "@botwire/core/protocol";
import type { AccessStore, TokenRecord } from "../store/store.js";
import { NAMESPACE_PATTERN_SYNTAX } from "./namespace-pattern.js";
import { hashSecret, newSecret, newTokenId } from "./token-secrets.js";

/** What a new token may do. */
export interface TokenGrant {
  /** Namespace patterns, e.g. `["user-*"]`; `*` for all. */
  namespaces: string[];
  /** Reads only. @default false */
  readOnly?: boolean;
  /** Seconds until it expires; omitted means never. */
  ttl?: number;
  /** A note for the admin, e.g. who holds it. */
  label?: string;
}

/**
 * Mints a token: stores its hash and returns the secret, which is never stored or shown again.
 * Used by the admin API and by `botwire-server token create`.
 */
export async function issueToken(
  store: AccessStore,
  grant: TokenGrant,
  now: number,
): Promise<{ record: TokenRecord; secret: string }> {
  if (
    !Array.isArray(grant.namespaces) ||
    grant.namespaces.length === 0 ||
    grant.namespaces.length > 100
  ) {
    throw new ProtocolError(
      "invalid_request",
      'namespaces must list 1–100 namespace patterns, e.g. ["user-*"].',
      {
        field: "namespaces",
      },
    );
  }
  for (const pattern of grant.namespaces) {
    if (typeof pattern !== "string" || !NAMESPACE_PATTERN_SYNTAX.test(pattern)) {
      throw new ProtocolError(
        "invalid_request",
        `"${String(pattern)}" is not a namespace pattern: use A-Z a-z 0-9 _ - . : and *.`,
        {
          field: "namespaces",
        },
      );
    }
  }
  if (grant.ttl !== undefined && !isValidTtl(grant.ttl)) {
    throw new ProtocolError("invalid_request", `${describeValidTtl()}.`, { field: "ttl" });
  }
  // PostgreSQL text cannot hold NUL: control characters are refused, not a 500.
  if (
    grant.label !== undefined &&
    (typeof grant.label !== "string" || grant.label.length > 200 || !isPlainText(grant.label))
  ) {
    throw new ProtocolError(
      "invalid_request",
      "label must be a string of at most 200 characters, without control characters.",
      { field: "label" },
    );
  }
  const secret = newSecret();
  const record: TokenRecord = {
    id: newTokenId(),
    hash: hashSecret(secret),
    namespaces: [...new Set(grant.namespaces)],
    readOnly: grant.readOnly === true,
    label: grant.label ?? null,
    createdAt: now,
    expiresAt: grant.ttl === undefined ? null : now + Math.ceil(grant.ttl * 1000),
  };
  await store.putToken(record);
  return { record, secret };
}

/** A token as the admin API shows it: never the hash or the secret. */
export function describeToken({ hash: _hash, ...visible }: TokenRecord): Omit<TokenRecord, "hash"> {
  return visible;
}
