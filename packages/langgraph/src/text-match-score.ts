/**
 * How well `value` matches a search `query`, from 0 to 1: the share of the query's words (runs of
 * letters and digits, case-insensitive) found in the value's JSON text. A plain text match, not
 * semantic similarity; `undefined` for a query without words.
 */
export function textMatchScore(query: string, value: unknown): number | undefined {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  const text = JSON.stringify(value).toLowerCase();
  return words.filter((word) => text.includes(word)).length / words.length;
}
