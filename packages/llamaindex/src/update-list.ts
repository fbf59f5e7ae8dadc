import { BotWireConflictError, type JsonValue, type Memory } from "@botwire/core";

/** How many read-and-replace rounds {@link updateList} tries before giving up. */
const MAX_ATTEMPTS = 10;

/**
 * Read-modify-write of a whole list without lost updates, for the edits the protocol has no
 * single call for (insert or delete at an index): reads the list with its version, applies
 * `edit` to a copy of its items, and replaces the list only if nobody wrote in between; when
 * someone did, it starts over from the read. An absent list is read as `[]` and created only
 * if `edit` leaves items in it.
 * @returns what `edit` returned, from the round that was written
 * @throws {BotWireConflictError} after 10 lost races
 */
export async function updateList<R>(
  memory: Memory,
  key: string,
  edit: (items: JsonValue[]) => R,
  options: { ttl?: number } = {},
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const first = await memory.getList(key);
    const items = (first?.items ?? []).map((item) => item.value);
    const lastSeq = first?.items.at(-1)?.seq;
    if (first && lastSeq !== undefined && items.length < first.length) {
      // A list longer than one page: the rest, read at any version, since the replace below
      // is refused if the list changed after the first page.
      const rest = await memory.range(key, { after: lastSeq });
      items.push(...rest.map((item) => item.value));
    }
    const result = edit(items);
    if (!first && items.length === 0) return result;
    try {
      await memory.replaceList(key, items, {
        ttl: options.ttl,
        ...(first ? { ifVersion: first.version } : { ifAbsent: true }),
      });
      return result;
    } catch (error) {
      if (!BotWireConflictError.isInstance(error) || attempt >= MAX_ATTEMPTS) throw error;
      // Random, growing pauses spread contending writers apart so one of them wins each round.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)),
      );
    }
  }
}
