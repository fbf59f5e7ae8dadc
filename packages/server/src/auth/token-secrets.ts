import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** SHA-256 of a token secret, hex: what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A new high-entropy secret (256 bits), shown to its owner once. */
export function newSecret(): string {
  return `bw_${randomBytes(32).toString("base64url")}`;
}

/** A short public id for listing and revoking a token. */
export function newTokenId(): string {
  return `tok_${randomBytes(6).toString("hex")}`;
}

/** Compares two secrets in constant time (over their digests, so lengths leak nothing either). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash("sha256").update(a).digest(),
    createHash("sha256").update(b).digest(),
  );
}
