const marker = "botwire.error";
const symbol = Symbol.for(marker);

/**
 * The base of every error BotWire throws. Check with `BotWireError.isInstance(error)` rather
 * than `instanceof`: the check reads a `Symbol.for` marker, so it also recognises errors from
 * another copy of the package (two installed versions, another realm, a bundled duplicate).
 */
export class BotWireError extends Error {
  protected readonly [symbol] = true;

  /**
   * @param message what went wrong and what to do about it
   * @param options.cause the underlying error, when there is one
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BotWireError";
  }

  /** Whether `error` is any BotWire error. */
  static isInstance(error: unknown): error is BotWireError {
    return BotWireError.hasMarker(error, marker);
  }

  /** Whether `error` carries the marker `Symbol.for(classMarker)` of one error class. */
  protected static hasMarker(error: unknown, classMarker: string): boolean {
    return (
      typeof error === "object" &&
      error !== null &&
      (error as Record<symbol, unknown>)[Symbol.for(classMarker)] === true
    );
  }
}
