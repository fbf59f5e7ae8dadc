import type { LanguageModelV4Content, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { ReplyCollector } from "./reply-collector.js";
import type { IncompleteReason } from "./reply-message.js";

/** What {@link persistStream} needs. */
export interface PersistStreamOptions {
  /** The call's abort signal: an abort saves the partial reply at once. */
  signal: AbortSignal | undefined;
  /** Saves the reply; called exactly once per stream. */
  save(content: LanguageModelV4Content[], incomplete?: IncompleteReason): Promise<void>;
  /** Receives a failed save that no reader is left to see (after an abort). */
  onError(error: unknown): void;
}

/**
 * The model's stream, passed through unchanged, saving the reply once when it ends:
 * - it finishes: the save completes before the stream closes, so when `streamText` is done the
 *   turn is stored, and a failed save errors the stream (the caller sees it);
 * - it fails, or carried an `error` part: the partial reply is saved marked `"error"`;
 * - the reader cancels it or the call's signal aborts (`streamText` cancels on abort): the
 *   partial reply is saved marked `"aborted"`; a failed save then goes to `onError`.
 */
export function persistStream(
  source: ReadableStream<LanguageModelV4StreamPart>,
  options: PersistStreamOptions,
): ReadableStream<LanguageModelV4StreamPart> {
  const reply = new ReplyCollector();
  const reader = source.getReader();
  let saving: Promise<void> | undefined;
  const save = (incomplete?: IncompleteReason) => {
    options.signal?.removeEventListener("abort", onAbort);
    saving ??= options.save(reply.content, incomplete);
    return saving;
  };
  const onAbort = () => {
    save("aborted").catch(options.onError);
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });

  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        await save(options.signal?.aborted ? "aborted" : "error").catch(options.onError);
        controller.error(error);
        return;
      }
      if (next.done) {
        try {
          await save(reply.failed ? "error" : undefined);
          controller.close();
        } catch (error) {
          controller.error(error);
        }
        return;
      }
      reply.add(next.value);
      controller.enqueue(next.value);
    },
    async cancel(reason) {
      await Promise.all([reader.cancel(reason), save("aborted").catch(options.onError)]);
    },
  });
}
