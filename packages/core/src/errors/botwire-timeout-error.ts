import { BotWireError } from "./botwire-error.js";

const marker = "botwire.error.timeout";
const symbol = Symbol.for(marker);

/**
 * The server did not answer within `timeoutMs`. A write may or may not have been applied:
 * read before retrying a non-idempotent call such as an append. Raise `timeoutMs` for slow links.
 */
export class BotWireTimeoutError extends BotWireError {
  protected readonly [symbol] = true;

  constructor(
    readonly timeoutMs: number,
    readonly request: string,
  ) {
    super(
      `${request} timed out after ${timeoutMs} ms: check that the BotWire server is reachable, or raise timeoutMs.`,
    );
    this.name = "BotWireTimeoutError";
  }

  /** Whether `error` is a {@link BotWireTimeoutError}. */
  static override isInstance(error: unknown): error is BotWireTimeoutError {
    return BotWireError.hasMarker(error, marker);
  }
}
