/**
 * Key layout of the checkpointer, in one namespace (every part escaped, see {@link keyPart}):
 *
 * - `c/{thread}/{ns}/{inverted id}`: a checkpoint (without its channel values), its metadata
 *   and parent. The id is inverted so that the server's ascending key order lists a thread's
 *   checkpoints newest first: the latest is the first key under the prefix.
 * - `b/{thread}/{ns}/{channel}/{version}`: one channel value ("blob"), written only when the
 *   channel's version changes, shared by every checkpoint that has that version.
 * - `w/{thread}/{ns}/{id}`: a list of the checkpoint's pending writes; each `putWrites` is one
 *   atomic append, so parallel tasks never lose each other's writes.
 * - `x/{thread}/{ns}/{id}/{task}/{random}`: a write's value too large for a list item, which the
 *   list item then names.
 */
export const checkpointKeys = {
  /** Prefix of every checkpoint, of one thread, or of one namespace of a thread. */
  checkpoints(threadId?: string, checkpointNs?: string): string {
    return `c/${scope(threadId, checkpointNs)}`;
  },
  /** The key of one checkpoint. */
  checkpoint(threadId: string, checkpointNs: string, checkpointId: string): string {
    return `c/${scope(threadId, checkpointNs)}${invertId(checkpointId)}`;
  },
  /** The checkpoint id of a key made by {@link checkpointKeys.checkpoint}. */
  idOf(key: string): string {
    return restoreId(key.slice(key.lastIndexOf("/") + 1));
  },
  /** Prefix of every channel value of a thread. */
  blobs(threadId: string): string {
    return `b/${scope(threadId)}`;
  },
  /** The key of one channel value at one version. */
  blob(threadId: string, checkpointNs: string, channel: string, version: string | number): string {
    return `b/${scope(threadId, checkpointNs)}${keyPart(channel)}/${keyPart(String(version))}`;
  },
  /** Prefix of every writes list of a thread. */
  writesOf(threadId: string): string {
    return `w/${scope(threadId)}`;
  },
  /** The key of one checkpoint's writes list. */
  writes(threadId: string, checkpointNs: string, checkpointId: string): string {
    return `w/${scope(threadId, checkpointNs)}${keyPart(checkpointId)}`;
  },
  /** Prefix of every large write value of a thread. */
  writeValuesOf(threadId: string): string {
    return `x/${scope(threadId)}`;
  },
  /** A fresh key for one large write value (random, so a retried write never replaces it). */
  writeValue(threadId: string, checkpointNs: string, checkpointId: string, taskId: string): string {
    const random = Math.random().toString(36).slice(2, 12);
    return `x/${scope(threadId, checkpointNs)}${keyPart(checkpointId)}/${keyPart(taskId)}/${random}`;
  },
};

function scope(threadId?: string, checkpointNs?: string): string {
  if (threadId === undefined) return "";
  const thread = `${keyPart(threadId)}/`;
  return checkpointNs === undefined ? thread : `${thread}${keyPart(checkpointNs)}/`;
}

/** `part` with `%` and `/` escaped, so `/` only ever separates parts and prefixes never overlap. */
function keyPart(part: string): string {
  return part.replaceAll("%", "%25").replaceAll("/", "%2F");
}

/**
 * An order-reversing encoding: each UTF-8 byte `b` of `id` becomes the two hex digits of
 * `255 - b`, then `~` (above every hex digit) ends it, so a longer id sharing a prefix sorts
 * before the shorter one. Byte order of the results is the reverse of byte order of the ids.
 */
function invertId(id: string): string {
  let out = "";
  for (const byte of Buffer.from(id, "utf8")) out += (255 - byte).toString(16).padStart(2, "0");
  return `${out}~`;
}

function restoreId(inverted: string): string {
  const hex = inverted.slice(0, -1);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = 255 - Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return Buffer.from(bytes).toString("utf8");
}
