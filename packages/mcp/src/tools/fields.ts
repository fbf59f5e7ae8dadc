import { z } from "zod";

/** The `key` argument every tool takes. */
export const keyField = z
  .string()
  .min(1)
  .max(512)
  .describe(
    "The key, e.g. 'user:preferences' or 'project:roadmap'. 1–512 bytes of UTF-8, no control characters.",
  );

/** A time as an ISO 8601 string. */
export const timeField = z.string().describe("ISO 8601 time");

/** An expiry time, or null for never. */
export const expiryField = z
  .string()
  .nullable()
  .describe("When it expires (ISO 8601), or null for never");

/** An epoch-ms time as ISO 8601. */
export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** An epoch-ms expiry as ISO 8601, null for none. */
export function isoOrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : iso(epochMs);
}
