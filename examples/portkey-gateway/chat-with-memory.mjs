// The seed's chat_with_memory, done right. The seed read the whole history value, pushed to
// it and wrote it back: two concurrent turns lose a message, and every turn moves the whole
// history. Here a turn reads a window of the list and appends its two messages atomically.

/** How long a conversation lives after its last turn (seconds). Every append refreshes it. */
export const HISTORY_TTL = 7 * 86_400;

/** How many earlier messages go to the model (the seed's `history[-10:]`). */
export const HISTORY_WINDOW = 10;

/**
 * One turn through the Portkey gateway, streamed. The reply is stored in full once the stream
 * has ended; a stream that fails midway stores nothing, so the history never holds half an
 * answer or a question without one.
 *
 * @param {object} turn
 * @param {import("@botwire/core").Memory} turn.memory where the conversation lives
 * @param {import("portkey-ai").Portkey} turn.portkey the client, pointed at the gateway
 * @param {string} turn.userId whose conversation
 * @param {string} turn.message what the user says
 * @param {string} turn.model the model the gateway asks for
 * @param {string} [turn.system] a system message, e.g. what is known about the user
 * @param {(text: string) => void} [turn.onToken] called with each streamed piece
 * @returns {Promise<{ reply: string, fromHistory: number }>}
 */
export async function chatWithMemory({ memory, portkey, userId, message, model, system, onToken }) {
  const key = `${userId}:history`;
  const history = (await memory.range(key, { last: HISTORY_WINDOW })).map((item) => item.value);
  const user = { role: "user", content: message };
  const messages = [...(system ? [{ role: "system", content: system }] : []), ...history, user];
  const stream = await portkey.chat.completions.create(
    { model, messages, stream: true },
    { metadata: { _user: userId } }, // Portkey's per-user analytics
  );
  let reply = "";
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content ?? "";
    reply += text;
    onToken?.(text);
  }
  await memory.append(key, [user, { role: "assistant", content: reply }], { ttl: HISTORY_TTL });
  return { reply, fromHistory: history.length };
}
