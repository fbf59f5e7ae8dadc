import { BotWireApiError } from "../errors/botwire-api-error.js";
import { BotWireNetworkError } from "../errors/botwire-network-error.js";
import { BotWireTimeoutError } from "../errors/botwire-timeout-error.js";
import { createApiError } from "../errors/create-api-error.js";
import type { HttpAnswer } from "./http-sender.js";
import type { ResolvedMemoryOptions } from "./memory-options.js";

/** One protocol call. */
export interface TransportRequest {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** Path below the base URL, already percent-encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** JSON body; sent with `Content-Type: application/json`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice (true for GET, PUT, DELETE; false for appends and write batches). */
  idempotent: boolean;
  /**
   * Error codes that are answers, not errors: `not_found` for reads that may find nothing.
   * Matched by code, not status, so a 404 from a wrong URL is still an error.
   */
  accept?: readonly string[];
}

/** The answer to a call. */
export interface TransportResponse {
  status: number;
  /** Parsed JSON body; undefined for an empty one and for an accepted error. */
  body: unknown;
}

/** The longest Retry-After the client waits out by itself; past it, the error is thrown. */
export const MAX_RETRY_AFTER_SECONDS = 60;

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Sends protocol calls with a per-attempt timeout, typed errors, and retries only where safe. */
export class HttpTransport {
  constructor(private readonly options: ResolvedMemoryOptions) {}

  /** Sends `request`, retrying what is safe to retry. Throws a BotWire error otherwise. */
  async send(request: TransportRequest): Promise<TransportResponse> {
    const url = this.#url(request);
    const label = `${request.method} ${request.path}`;
    for (let attempt = 1; ; attempt++) {
      const mayRetry = attempt <= this.options.retries;
      let response: HttpAnswer;
      try {
        response = await this.#sendOnce(url, request, label);
      } catch (error) {
        // Timeouts and network errors: the request may have been applied, so only an
        // idempotent call may be sent again.
        if (mayRetry && request.idempotent) {
          await sleep(this.options.backoff(attempt));
          continue;
        }
        throw error;
      }
      const { status, text } = response;
      if (status >= 200 && status < 300) return { status, body: parseBody(label, status, text) };
      const retryAfter = parseRetryAfter(response.header("retry-after"));
      const error = createApiError(label, status, text, retryAfter);
      if (request.accept?.includes(error.code)) return { status, body: undefined };
      const wait = mayRetry ? this.#retryDelay(error, request, attempt, retryAfter) : undefined;
      if (wait === undefined) throw error;
      await sleep(wait);
    }
  }

  /** How long to wait before sending `request` again after `error`, or undefined: do not. */
  #retryDelay(
    error: BotWireApiError,
    request: TransportRequest,
    attempt: number,
    retryAfter: number | undefined,
  ): number | undefined {
    if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_SECONDS) return undefined;
    // A 429 refused the request before applying it: any call may be sent again, when told when.
    if (error.statusCode === 429) return retryAfter === undefined ? undefined : retryAfter * 1000;
    // A 502/503/504 may come after the write was applied (a commit whose answer was lost).
    if (!request.idempotent || !error.isRetryable) return undefined;
    return retryAfter === undefined ? this.options.backoff(attempt) : retryAfter * 1000;
  }

  #url(request: TransportRequest): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) params.set(name, String(value));
    }
    const query = params.toString();
    return `${this.options.url}${request.path}${query ? `?${query}` : ""}`;
  }

  /** One attempt, the body read within the same time limit. */
  async #sendOnce(url: string, request: TransportRequest, label: string): Promise<HttpAnswer> {
    const controller = new AbortController();
    const { timeoutMs } = this.options;
    // setTimeout fires at once for delays past 2^31-1 ms: treat those as "no limit".
    const timer =
      timeoutMs <= MAX_TIMER_MS ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
    const headers: Record<string, string> = { ...this.options.headers, ...request.headers };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    try {
      return await this.options.send({
        method: request.method,
        url,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw new BotWireTimeoutError(this.options.timeoutMs, label);
      throw new BotWireNetworkError(label, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A success body as JSON; anything else means the URL does not point at a BotWire server. */
function parseBody(label: string, status: number, text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new BotWireApiError({
      message: `${label} → ${status}, but the answer is not JSON: check that the url option (BOTWIRE_URL) points at a BotWire server.`,
      statusCode: status,
      code: "invalid_response",
      responseBody: text.slice(0, 2048),
      cause,
    });
  }
}

/** Retry-After in seconds: delta-seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
