/** The UTC calendar day of an epoch-ms time, as `YYYY-MM-DD`: the unit daily quotas count in. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
