// The seed's store_user_context / get_fresh_context, done right. The seed wrote a
// `last_updated` timestamp into the value and compared clocks on read (and deleted stale
// entries by hand); here the server expires the value itself, on every reader's behalf.

const key = (userId) => `context:${userId}`;

/**
 * Stores what is known about a user for `maxAgeHours`; a later store restarts the clock.
 * @param {import("@botwire/core").Memory} memory
 * @param {string} userId
 * @param {Record<string, import("@botwire/core").JsonValue>} context
 * @param {number} [maxAgeHours] @default 24
 */
export async function storeUserContext(memory, userId, context, maxAgeHours = 24) {
  await memory.set(key(userId), context, { ttl: maxAgeHours * 3600 });
}

/**
 * The user's context with when it expires, or undefined once it has expired: no clock
 * arithmetic on the client, and no stale value for any process that shares the namespace.
 * @param {import("@botwire/core").Memory} memory
 * @param {string} userId
 */
export async function getFreshContext(memory, userId) {
  const entry = await memory.getEntry(key(userId));
  return entry && { context: entry.value, expiresAt: entry.expiresAt };
}

/**
 * The users with a fresh context: one prefix listing on the server, where the seed listed
 * every key of the namespace and filtered on the client.
 * @param {import("@botwire/core").Memory} memory
 */
export async function usersWithContext(memory) {
  return (await memory.list({ prefix: key("") })).map((k) => k.slice(key("").length));
}
