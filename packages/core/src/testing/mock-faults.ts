/** A fault armed for the next calls. */
type Fault =
  | { kind: "status"; status: number; code: string; retryAfter?: number }
  | { kind: "network" }
  | { kind: "drop" };

/**
 * Failures the mock server injects on demand, to prove a client's retries, timeouts and error
 * handling. Faults are consumed in the order they were armed, one per request.
 */
export class MockFaults {
  #queue: Fault[] = [];
  #latencyMs = 0;

  /** The next `n` requests fail with `status` (and the protocol error `code`), unapplied. */
  failNext(n: number, options: { status: number; code?: string; retryAfter?: number }): void {
    const code = options.code ?? (options.status === 503 ? "store_unavailable" : "internal_error");
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

  /** The fault for the request being served, if one is armed. */
  take(): Fault | undefined {
    return this.#queue.shift();
  }

  /** The current response delay. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  #arm(n: number, fault: Fault): void {
    for (let i = 0; i < n; i++) this.#queue.push(fault);
  }
}
