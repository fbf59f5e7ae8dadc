/** Most operations or items in one request (the protocol's batch and append limits). */
export const MAX_REQUEST_ITEMS = 1000;
/** Most serialized bytes in one request: half the server's 16 MiB body limit, for headroom. */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * `items` in order, cut into runs that each fit one batch or append request: at most 1000
 * items and 8 MiB of JSON. Most calls give one run; only very large checkpoints or writes
 * need more, and lose the atomicity of a single request.
 */
export function requestChunks<T>(items: T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (current.length > 0 && (current.length >= MAX_REQUEST_ITEMS || bytes + size > MAX_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
