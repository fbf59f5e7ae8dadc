import type { LanguageModelV4Message } from "@ai-sdk/provider";
import { omittedFileOf } from "./stored-message.js";

/** How a call's prompt lines up with the stored window. */
export interface Alignment {
  /** How many leading messages of the prompt are already stored: the rest are new. */
  known: number;
  /** The stored messages that go before the prompt (older than what it repeats). */
  history: LanguageModelV4Message[];
}

/**
 * Works out which messages of a call's prompt (system messages left out) are already stored.
 *
 * A caller usually sends only the new turn, but the AI SDK's tool loop calls the model once per
 * step with a growing prompt (the user's message, the model's tool call, the tool's result...),
 * and a chat route may resend the whole conversation. What the prompt repeats is a run of
 * messages ending in the window: the longest prompt prefix whose end lines up with a window
 * message, matching backwards until either runs out. The window before that run is the
 * history to prepend. A run may end inside the window (another call on the same session wrote
 * after it), except at a user message: the same words said again are a new turn, unless they
 * are the window's very last message (a turn whose reply was never stored, being retried).
 */
export function alignPrompt(
  prompt: LanguageModelV4Message[],
  window: LanguageModelV4Message[],
): Alignment {
  const asked = prompt.map(fingerprint);
  const stored = window.map(fingerprint);
  for (let end = prompt.length; end >= 1; end--) {
    const endsWithUser = prompt[end - 1]?.role === "user";
    for (let at = stored.length - 1; at >= 0; at--) {
      if (endsWithUser && at !== stored.length - 1) break;
      const run = Math.min(end, at + 1);
      if (sameRun(asked, end - run, stored, at + 1 - run, run)) {
        return { known: end, history: window.slice(0, at + 1 - run) };
      }
    }
  }
  return { known: 0, history: window };
}

function sameRun(a: string[], aStart: number, b: string[], bStart: number, length: number) {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/**
 * What identifies a message across its forms: the one the caller sent, the one stored, and the
 * one the AI SDK rebuilds from a model response for the next step (tool inputs parsed, provider
 * metadata moved, empty text dropped). Texts, tool call ids and file types, by role.
 */
export function fingerprint(message: LanguageModelV4Message): string {
  if (message.role === "system") return JSON.stringify(["system", message.content]);
  const parts: string[] = [];
  for (const part of message.content) {
    const omitted = omittedFileOf(part);
    if (omitted) parts.push(`file:${omitted.mediaType}`);
    else if (part.type === "text" || part.type === "reasoning") {
      if (part.text !== "") parts.push(`${part.type}:${part.text}`);
    } else if (part.type === "tool-call" || part.type === "tool-result") {
      parts.push(`${part.type}:${part.toolCallId}`);
    } else if (part.type === "file") parts.push(`file:${part.mediaType}`);
    else if (part.type !== "reasoning-file") parts.push(part.type);
  }
  return JSON.stringify([message.role, parts]);
}
