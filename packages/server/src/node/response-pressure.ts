import type { ServerResponse } from "node:http";

/** Options of {@link ResponsePressure}. */
export interface ResponsePressureOptions {
  /** Bytes of replies waiting in the process for slow readers before new requests get 503. */
  maxBufferedBytes: number;
  /** How long a reply may wait for its reader to take any of it before the connection is cut. */
  stallTimeoutMs: number;
}

interface Tracked {
  buffered: number;
  since: number;
}

/**
 * Back-pressure against clients that do not read their replies. Bytes Node cannot hand to the
 * kernel wait in the process's memory: a reader that takes nothing for `stallTimeoutMs` is cut
 * off (freeing them), and while more than `maxBufferedBytes` wait in all, new requests are
 * refused (503 `server_busy`) instead of piling up more.
 */
export class ResponsePressure {
  readonly #responses = new Map<ServerResponse, Tracked>();
  readonly #timer: NodeJS.Timeout;
  #buffered = 0;
  #summedAt = Number.NEGATIVE_INFINITY;

  constructor(readonly options: ResponsePressureOptions) {
    const every = Math.max(50, Math.min(1000, options.stallTimeoutMs / 4));
    this.#timer = setInterval(() => this.#cutStalled(), every);
    this.#timer.unref();
  }

  /** Watches `res` until it closes. */
  track(res: ServerResponse): void {
    this.#responses.set(res, { buffered: 0, since: Date.now() });
    res.once("close", () => this.#responses.delete(res));
  }

  /** Bytes of replies waiting in the process for their readers. */
  bufferedBytes(): number {
    let total = 0;
    for (const res of this.#responses.keys()) total += waiting(res);
    return total;
  }

  /**
   * Whether too much waits for slow readers to take more requests now. Summed at most every
   * 20 ms, so a burst of requests does not sum over every open reply each time.
   */
  overloaded(): boolean {
    const now = Date.now();
    if (now - this.#summedAt >= 20) {
      this.#buffered = this.bufferedBytes();
      this.#summedAt = now;
    }
    return this.#buffered > this.options.maxBufferedBytes;
  }

  /** Stops watching. */
  close(): void {
    clearInterval(this.#timer);
  }

  #cutStalled(): void {
    const now = Date.now();
    for (const [res, tracked] of this.#responses) {
      const buffered = waiting(res);
      // Progress (or nothing waiting) restarts the clock; a reply still being computed has
      // nothing waiting, so a slow handler is never mistaken for a slow reader.
      if (buffered === 0 || buffered !== tracked.buffered) {
        tracked.buffered = buffered;
        tracked.since = now;
      } else if (now - tracked.since >= this.options.stallTimeoutMs) {
        res.destroy();
      }
    }
  }
}

// Node counts the socket's buffer in the response's: one reply per socket is tracked at a time
// (requests pipelined on a connection are served one after the other).
function waiting(res: ServerResponse): number {
  return res.writableLength;
}
