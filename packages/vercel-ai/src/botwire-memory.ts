import type {
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4Message,
  LanguageModelV4Middleware,
} from "@ai-sdk/provider";
import { BotWireValidationError, Memory } from "@botwire/core";
import { alignPrompt } from "./align-prompt.js";
import { completeToolPairs } from "./complete-tool-pairs.js";
import { persistStream } from "./persist-stream.js";
import { type IncompleteReason, replyMessage } from "./reply-message.js";
import { fromStoredMessage, toStoredMessage } from "./stored-message.js";

/** Options of {@link botwireMemory}. */
export interface BotWireMemoryOptions {
  /** The client to use (its namespace, URL, token, retries). @default new Memory(namespace) */
  memory?: Memory;
  /**
   * Namespace of the default client. Ignored when `memory` is given.
   * @default "vercel-ai-memory"
   */
  namespace?: string;
  /**
   * The conversation, one list per session. Without it, every call must pass
   * `providerOptions: { botwire: { sessionId } }`, which also overrides it per call.
   */
  sessionId?: string;
  /**
   * How many stored messages (the newest) go into each prompt, 1 to 10 000.
   * @default 50
   */
  maxMessages?: number;
  /** Seconds a conversation lives after its last write; every write refreshes it. */
  ttl?: number;
  /**
   * Receives a failed save that no caller can see: the save of an aborted stream.
   * @default console.error
   */
  onError?: (error: unknown) => void;
}

/** What a call stashes between `transformParams` and `wrapGenerate` / `wrapStream`. */
interface Call {
  sessionId: string;
  /** The prompt's messages not stored yet (the new turn, or a tool loop's new step). */
  fresh: LanguageModelV4Message[];
}

/**
 * A language-model middleware that gives any AI SDK model a memory stored in BotWire.
 * Each call reads the conversation's newest `maxMessages` and puts them after the system
 * messages; then it saves what is new in the prompt (the user's message, or a tool loop's
 * results) and the model's reply (text, reasoning, tool calls) as ONE atomic append, so
 * concurrent calls on a session never lose or interleave a turn. A tool loop's steps never
 * store a message twice. Streams save when they end; an aborted or failed stream saves the
 * partial reply marked `providerOptions.botwire.incomplete`.
 *
 * @example
 * ```ts
 * const model = wrapLanguageModel({ model: openai("gpt-4o"), middleware: botwireMemory() });
 * await generateText({
 *   model,
 *   prompt: "My name is Ada.",
 *   providerOptions: { botwire: { sessionId: "user-42" } },
 * });
 * ```
 */
export function botwireMemory(options: BotWireMemoryOptions = {}): LanguageModelV4Middleware {
  const memory = options.memory ?? new Memory(options.namespace ?? "vercel-ai-memory");
  const maxMessages = options.maxMessages ?? 50;
  if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 10_000) {
    throw invalid(`maxMessages must be an integer from 1 to 10000, got ${maxMessages}.`);
  }
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const calls = new WeakMap<LanguageModelV4CallOptions, Call>();

  const save = async (call: Call, content: LanguageModelV4Content[], why?: IncompleteReason) => {
    const reply = replyMessage(content, why);
    const messages = reply ? [...call.fresh, reply] : call.fresh;
    if (messages.length === 0) return;
    await memory.append(call.sessionId, messages.map(toStoredMessage), { ttl: options.ttl });
  };

  return {
    specificationVersion: "v4",
    async transformParams({ params }) {
      const sessionId = sessionOf(params, options.sessionId);
      const items = await memory.range(sessionId, { last: maxMessages });
      const window = items.map((item, index) =>
        fromStoredMessage(item.value, `Item ${index} of session "${sessionId}"`),
      );
      const system = leadingSystem(params.prompt);
      const prompt = params.prompt.slice(system.length);
      const { known, history } = alignPrompt(prompt, window);
      const transformed = {
        ...params,
        prompt: [...system, ...completeToolPairs(history, prompt), ...prompt],
      };
      const fresh = prompt.slice(known).filter((message) => message.role !== "system");
      calls.set(transformed, { sessionId, fresh });
      return transformed;
    },
    async wrapGenerate({ doGenerate, params }) {
      const result = await doGenerate();
      const call = calls.get(params);
      if (call) await save(call, result.content);
      return result;
    },
    async wrapStream({ doStream, params }) {
      const result = await doStream();
      const call = calls.get(params);
      if (!call) return result;
      const stream = persistStream(result.stream, {
        signal: params.abortSignal,
        save: (content, why) => save(call, content, why),
        onError,
      });
      return { ...result, stream };
    },
  };
}

/** The session of a call: `providerOptions.botwire.sessionId`, else the middleware's option. */
function sessionOf(params: LanguageModelV4CallOptions, fallback: string | undefined): string {
  const sessionId = params.providerOptions?.botwire?.sessionId ?? fallback;
  if (typeof sessionId === "string" && sessionId !== "") return sessionId;
  throw invalid(
    sessionId === undefined
      ? 'botwireMemory needs a session: pass botwireMemory({ sessionId }), or providerOptions: { botwire: { sessionId: "..." } } to generateText / streamText.'
      : `providerOptions.botwire.sessionId must be a non-empty string, got ${JSON.stringify(sessionId)}.`,
  );
}

/** The system messages at the start of the prompt: the stored history goes after them. */
function leadingSystem(prompt: LanguageModelV4Message[]): LanguageModelV4Message[] {
  const end = prompt.findIndex((message) => message.role !== "system");
  return end === -1 ? prompt : prompt.slice(0, end);
}

function invalid(message: string): BotWireValidationError {
  return new BotWireValidationError({ statusCode: 0, code: "invalid_request", message });
}
