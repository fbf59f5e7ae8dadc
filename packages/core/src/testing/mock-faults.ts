import { ERROR_STATUS } from "../protocol/error-codes.js";

/** A fault armed for the next calls; `code` undefined answers a proxy's non-JSON body. */
export type MockFault =
  | { kind: "status"; status: number; code?: string; retryAfter?: number }
  | { kind: "network" }
  | { kind: "drop" };

/**
 * Failures the mock server injects on demand, to prove a client's retries, timeouts and error
 * handling. Faults are consumed in the order they were armed, one per request.
 */
export class MockFaults {
  #queue: MockFault[] = [];
  #latencyMs = 0;

  /**
   * The next `n` requests fail with `status`, unapplied, with the protocol's error body.
   * @param options.code the error code @default the protocol's code for `status`
   *   (`store_unavailable` for 503, `unauthorized` for 401, ...); for a status without one
   *   (502, 504) the body is plain text, as from a proxy
   * @param options.retryAfter seconds, sent as the Retry-After header
   */
  failNext(n: number, options: { status: number; code?: string; retryAfter?: number }): void {
    const code = options.code ?? defaultCode(options.status);
    this.#arm(n, { kind: "status", status: options.status, code, retryAfter: options.retryAfter });
  }

  /** The next `n` requests fail like a refused connection: fetch rejects with a TypeError. */
  networkErrorNext(n: number): void {
    this.#arm(n, { kind: "network" });
  }

  /** The next `n` requests get 429 `quota_exceeded` with Retry-After and RateLimit headers. */
  rateLimitNext(n: number, retryAfterSeconds: number): void {
    this.#arm(n, {
      kind: "status",
      status: 429,
      code: "quota_exceeded",
      retryAfter: retryAfterSeconds,
    });
  }

  /**
   * The next `n` requests are APPLIED, but their responses are lost: the connection drops
   * mid-request, as when a server crashes after committing. fetch rejects with a TypeError.
   */
  dropNext(n: number): void {
    this.#arm(n, { kind: "drop" });
  }

  /** Delays every response by `ms` (0 to stop); a request's AbortSignal cuts the wait short. */
  latency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** Disarms every fault and the latency. */
  clear(): void {
    this.#queue = [];
    this.#latencyMs = 0;
  }

  /** Takes the fault for the request being served, if one is armed (the mock calls it). */
  take(): MockFault | undefined {
    return this.#queue.shift();
  }

  /** The current response delay, in ms. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  #arm(n: number, fault: MockFault): void {
    for (let i = 0; i < n; i++) this.#queue.push(fault);
  }
}

function defaultCode(status: number): string | undefined {
  if (status === 400) return "invalid_request";
  return Object.entries(ERROR_STATUS).find(([, codeStatus]) => codeStatus === status)?.[0];
}
