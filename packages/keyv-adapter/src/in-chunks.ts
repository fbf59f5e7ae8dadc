/**
 * Runs `run` on consecutive slices of at most `size` items, one after the other, and joins
 * the results in order. Sequential on purpose: when a chunk fails, the earlier chunks are
 * applied and the later ones were never sent, which is what the adapter documents.
 */
export async function inChunks<T, R>(
  items: readonly T[],
  size: number,
  run: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await run(items.slice(start, start + size))));
  }
  return results;
}
