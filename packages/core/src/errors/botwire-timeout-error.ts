import { BotWireError } from "./botwire-error.js";

const marker = "botwire.error.timeout";
const symbol = Symbol.for(marker);

/**
 * The server did not answer within `timeoutMs` (per attempt). A write may or may not have
 * been applied: idempotent calls are retried for you, but read before repeating an append.
 * Raise `timeoutMs` for slow links or large reads.
 */
export class BotWireTimeoutError extends BotWireError {
  protected readonly [symbol] = true;

  /**
   * @param timeoutMs the time limit that ran out
   * @param request the call that timed out, e.g. `GET /v1/namespaces/ns/keys/k`
   */
  constructor(
    /** The time limit of the attempt, in ms. */
    readonly timeoutMs: number,
    /** The call that timed out, as `METHOD /path`. */
    readonly request: string,
  ) {
    super(
      `${request} timed out after ${timeoutMs} ms: check that the BotWire server is reachable, or raise timeoutMs.`,
    );
    this.name = "BotWireTimeoutError";
  }

  /** Whether `error` is a {@link BotWireTimeoutError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireTimeoutError {
    return BotWireError.hasMarker(error, marker);
  }
}
