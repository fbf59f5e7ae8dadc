/**
 * Longest time-to-live, in seconds: 10^10 (about 317 years). Bounded so that every expiry is an
 * exact integer that every engine stores (a `ttl` of 1e16 overflowed PostgreSQL's bigint).
 */
export const MAX_TTL_SECONDS = 10_000_000_000;

/** Whether `ttl` is a valid time-to-live in seconds: a number from 0.001 to {@link MAX_TTL_SECONDS}. */
export function isValidTtl(ttl: unknown): ttl is number {
  return typeof ttl === "number" && ttl >= 0.001 && ttl <= MAX_TTL_SECONDS;
}

/** What a valid `ttl` is, for error messages. */
export function describeValidTtl(): string {
  return `ttl must be a number of seconds from 0.001 to ${MAX_TTL_SECONDS}`;
}

/** The absolute expiry (epoch ms) of something written at `now` with `ttl` seconds to live. */
export function expiresAtFor(now: number, ttl: number): number {
  return now + Math.ceil(ttl * 1000);
}
