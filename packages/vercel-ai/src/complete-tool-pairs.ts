import type { LanguageModelV4Message } from "@ai-sdk/provider";

/**
 * The stored history made safe to send: providers refuse a tool call without its result and a
 * result without its call. A call loses its result when the tool ran after the last model call
 * of `generateText` / `streamText` (the middleware only sees model calls) or when a stream was
 * cut; a result loses its call when the window starts between them. Such parts are left out,
 * messages left empty are dropped, and the history starts at a user message, as providers
 * expect. Provider-executed calls carry their result in the same message and stay.
 *
 * @param history the stored messages about to be prepended
 * @param prompt the caller's messages that follow them (their results count; never changed)
 */
export function completeToolPairs(
  history: LanguageModelV4Message[],
  prompt: LanguageModelV4Message[],
): LanguageModelV4Message[] {
  const calls = new Set<string>();
  const results = new Set<string>();
  for (const message of [...history, ...prompt]) {
    if (message.role === "system") continue;
    for (const part of message.content) {
      if (part.type === "tool-call") calls.add(part.toolCallId);
      if (part.type === "tool-result") results.add(part.toolCallId);
    }
  }
  const complete: LanguageModelV4Message[] = [];
  for (const message of history) {
    if (message.role === "system") {
      complete.push(message);
      continue;
    }
    const content = (message.content as Array<(typeof message.content)[number]>).filter(
      (part) =>
        (part.type !== "tool-call" || results.has(part.toolCallId)) &&
        (part.type !== "tool-result" || calls.has(part.toolCallId)),
    );
    if (content.length > 0) complete.push({ ...message, content } as LanguageModelV4Message);
  }
  const firstUser = complete.findIndex((message) => message.role === "user");
  return firstUser === -1 ? [] : complete.slice(firstUser);
}
