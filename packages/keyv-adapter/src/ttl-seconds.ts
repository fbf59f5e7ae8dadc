/**
 * The server-side TTL (seconds) of an entry Keyv wants to expire at `expires` (Unix ms), seen
 * at `now`: undefined for no expiry (none given, or not a finite time), `"expired"` when the
 * deadline has passed. The server rounds up to whole milliseconds, so the entry never expires
 * before Keyv's own deadline.
 */
export function ttlSeconds(
  expires: number | undefined,
  now: number,
): number | "expired" | undefined {
  if (expires === undefined || !Number.isFinite(expires)) return undefined;
  const remainingMs = expires - now;
  if (remainingMs <= 0) return "expired";
  // The protocol's smallest TTL is 1 ms; a deadline closer than that is still in the future.
  return Math.max(remainingMs, 1) / 1000;
}
