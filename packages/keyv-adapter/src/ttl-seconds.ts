import { BotWireValidationError } from "@botwire/core";

/**
 * Below this, an `expires` is not a Unix time in ms (it would be before March 1973) but a
 * relative ttl, as keyv 5 passes it. Taken as a deadline it would look long expired and the
 * entry would be deleted instead of stored: refuse it instead.
 */
const EARLIEST_EXPIRES = 100_000_000_000;

/**
 * The server-side TTL (seconds) of an entry Keyv wants to expire at `expires` (Unix ms), seen
 * at `now`: undefined for no expiry (none given, or not a finite time), `"expired"` when the
 * deadline has passed. The server rounds up to whole milliseconds, so the entry never expires
 * before Keyv's own deadline.
 * @throws {BotWireValidationError} when `expires` is a relative ttl (a keyv 5 caller)
 */
export function ttlSeconds(
  expires: number | undefined,
  now: number,
): number | "expired" | undefined {
  if (expires === undefined || !Number.isFinite(expires)) return undefined;
  if (expires < EARLIEST_EXPIRES) {
    throw new BotWireValidationError({
      statusCode: 0,
      code: "invalid_request",
      message: `expires must be an absolute Unix time in ms, as keyv 6 passes it; ${expires} looks like a relative ttl from keyv 5. Use keyv ^6.1.0 with @botwire/keyv.`,
      details: { field: "expires" },
    });
  }
  const remainingMs = expires - now;
  if (remainingMs <= 0) return "expired";
  // The protocol's smallest TTL is 1 ms; a deadline closer than that is still in the future.
  return Math.max(remainingMs, 1) / 1000;
}
