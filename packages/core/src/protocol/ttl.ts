/** Whether `ttl` is a valid time-to-live in seconds: a finite number of at least 0.001. */
export function isValidTtl(ttl: unknown): ttl is number {
  return typeof ttl === "number" && Number.isFinite(ttl) && ttl >= 0.001;
}

/** The absolute expiry (epoch ms) of something written at `now` with `ttl` seconds to live. */
export function expiresAtFor(now: number, ttl: number): number {
  return now + Math.ceil(ttl * 1000);
}
