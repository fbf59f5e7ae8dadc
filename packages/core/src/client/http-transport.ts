import { BotWireNetworkError } from "../errors/botwire-network-error.js";
import { BotWireTimeoutError } from "../errors/botwire-timeout-error.js";
import { createApiError } from "../errors/create-api-error.js";
import type { ResolvedMemoryOptions } from "./memory-options.js";

/** One protocol call. */
export interface TransportRequest {
  method: "GET" | "PUT" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice (true for GET, PUT, DELETE; false for appends and write batches). */
  idempotent: boolean;
  /** Statuses that are answers, not errors (404 for reads that may find nothing). */
  accept?: number[];
}

/** The answer to a call. */
export interface TransportResponse {
  status: number;
  /** Parsed JSON body, or undefined for an empty one. */
  body: unknown;
}

const MAX_RETRY_AFTER_SECONDS = 60;

/** Sends protocol calls with a per-attempt timeout, typed errors, and bounded retries. */
export class HttpTransport {
  constructor(private readonly options: ResolvedMemoryOptions) {}

  /** Sends `request`, retrying what is safe to retry. Throws a BotWire error otherwise. */
  async send(request: TransportRequest): Promise<TransportResponse> {
    const url = this.#url(request);
    const label = `${request.method} ${request.path}`;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.options.retries;
      let response: { status: number; headers: Headers; text: string };
      try {
        response = await this.#fetchOnce(url, request, label);
      } catch (error) {
        if (canRetry && request.idempotent) {
          await sleep(this.options.backoff(attempt + 1));
          continue;
        }
        throw error;
      }
      const { text } = response;
      if (
        (response.status >= 200 && response.status < 300) ||
        request.accept?.includes(response.status)
      ) {
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      }
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      const error = createApiError(label, response.status, text, retryAfter);
      // 429/503 with a short Retry-After: the server did not apply the request, any call may retry.
      const told = (response.status === 429 || response.status === 503) && retryAfter !== undefined;
      if (canRetry && told && retryAfter <= MAX_RETRY_AFTER_SECONDS) {
        await sleep(retryAfter * 1000);
        continue;
      }
      if (canRetry && request.idempotent && !told && error.isRetryable && response.status !== 429) {
        await sleep(this.options.backoff(attempt + 1));
        continue;
      }
      throw error;
    }
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
  async #fetchOnce(
    url: string,
    request: TransportRequest,
    label: string,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    const headers: Record<string, string> = { ...this.options.headers, ...request.headers };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    try {
      const response = await this.options.fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (controller.signal.aborted) throw new BotWireTimeoutError(this.options.timeoutMs, label);
      throw new BotWireNetworkError(label, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
