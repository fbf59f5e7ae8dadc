import { BotWireError } from "./botwire-error.js";

const marker = "botwire.error.network";
const symbol = Symbol.for(marker);

/**
 * The request got no answer: connection refused, reset or dropped (`cause` holds fetch's
 * error). Check the url option (BOTWIRE_URL) and that the server is running. Idempotent calls
 * are retried for you; an append or a batch with writes is not, because a connection that
 * dropped after sending may have been applied: read before writing again.
 */
export class BotWireNetworkError extends BotWireError {
  protected readonly [symbol] = true;

  /**
   * @param request the call that failed, e.g. `POST /v1/namespaces/ns/lists/chat`
   * @param cause the error fetch rejected with
   */
  constructor(
    /** The call that failed, as `METHOD /path`. */
    readonly request: string,
    cause: unknown,
  ) {
    super(
      `${request} failed: ${(cause as Error)?.message ?? String(cause)}. Check the url option (BOTWIRE_URL) and that the BotWire server is running.`,
      { cause },
    );
    this.name = "BotWireNetworkError";
  }

  /** Whether `error` is a {@link BotWireNetworkError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireNetworkError {
    return BotWireError.hasMarker(error, marker);
  }
}
