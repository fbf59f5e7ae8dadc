import { BotWireError } from "./botwire-error.js";

const marker = "botwire.error.network";
const symbol = Symbol.for(marker);

/**
 * The request never got an answer: connection refused, reset or dropped. Check the URL
 * (BOTWIRE_URL) and that the server is running. A write may have been applied if the
 * connection dropped after sending it.
 */
export class BotWireNetworkError extends BotWireError {
  protected readonly [symbol] = true;

  constructor(
    readonly request: string,
    cause: unknown,
  ) {
    super(
      `${request} failed: ${(cause as Error)?.message ?? String(cause)}. Check the server URL (BOTWIRE_URL) and that the BotWire server is running.`,
      { cause },
    );
    this.name = "BotWireNetworkError";
  }

  /** Whether `error` is a {@link BotWireNetworkError}. */
  static override isInstance(error: unknown): error is BotWireNetworkError {
    return BotWireError.hasMarker(error, marker);
  }
}
