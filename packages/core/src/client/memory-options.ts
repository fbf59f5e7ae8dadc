import { defaultSender } from "#default-sender";
import { fetchSender } from "./fetch-sender.js";
import type { HttpSender } from "./http-sender.js";

/** How failed calls are retried. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  retries?: number;
  /**
   * Delay before retry number `attempt` (1-based), in ms. A server's Retry-After wins.
   * @default exponential from 100 ms, capped at 2 s, with jitter
   */
  backoff?: (attempt: number) => number;
}

/** Options of {@link Memory}. */
export interface MemoryOptions {
  /**
   * Base URL of the BotWire server.
   * @default process.env.BOTWIRE_URL, else "http://127.0.0.1:8790"
   */
  url?: string;
  /** Bearer token, for servers with tokens configured. @default process.env.BOTWIRE_TOKEN */
  token?: string;
  /**
   * Sends requests with this `fetch` instead of the default transport: a mock server's in
   * tests, undici's (with a `ProxyAgent` for a proxy), or the global one.
   * @default on Node, keep-alive `node:http`/`node:https` (no proxy support); elsewhere
   * `globalThis.fetch`
   */
  fetch?: typeof fetch;
  /**
   * Time limit of each attempt (request and response body), in ms; `Infinity` for none.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Retries of failed calls, or `false` for none. Only what cannot apply a write twice is
   * retried: reads, PUTs, DELETEs and get-only batches after network errors, timeouts and
   * 502/503/504 (waiting Retry-After when the server sends one); any call after a 429 whose
   * Retry-After is at most 60 s (the quota refused it unapplied). Appends and batches with
   * writes are never sent twice after an answer was lost. A longer Retry-After is not waited
   * out: the call fails with `BotWireQuotaError` and its `retryAfter`.
   * @default { retries: 3 }
   */
  retry?: false | RetryOptions;
  /** Extra headers sent with every request (tracing, a proxy's auth); they override the defaults. */
  headers?: Record<string, string>;
}

/** {@link MemoryOptions} with defaults applied. */
export interface ResolvedMemoryOptions {
  /** Base URL without a trailing slash. */
  url: string;
  /** `fetch` when given, else the runtime's default transport. */
  send: HttpSender;
  timeoutMs: number;
  /** Retries after the first attempt; 0 with `retry: false`. */
  retries: number;
  backoff: (attempt: number) => number;
  /** Every header sent with each request: accept, authorization, the caller's. */
  headers: Record<string, string>;
}

const DEFAULT_URL = "http://127.0.0.1:8790";

function env(name: string): string | undefined {
  // `process` does not exist on every runtime the client supports (browsers, edge).
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.[name] || undefined;
}

function defaultBackoff(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 2000) * (0.5 + Math.random() / 2);
}

/** Applies the defaults of {@link MemoryOptions}. */
export function resolveMemoryOptions(options: MemoryOptions = {}): ResolvedMemoryOptions {
  const token = options.token ?? env("BOTWIRE_TOKEN");
  const retry = options.retry ?? {};
  return {
    url: (options.url ?? env("BOTWIRE_URL") ?? DEFAULT_URL).replace(/\/+$/, ""),
    send: options.fetch ? fetchSender(options.fetch) : defaultSender(),
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: retry === false ? 0 : (retry.retries ?? 3),
    backoff: (retry !== false && retry.backoff) || defaultBackoff,
    headers: {
      accept: "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
  };
}
