const marker = "botwire.error";
const symbol = Symbol.for(marker);

/**
 * The base of every error BotWire throws. Check with `BotWireError.isInstance(error)` rather
 * than `instanceof`: it also recognises errors from another copy of the package.
 */
export class BotWireError extends Error {
  protected readonly [symbol] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BotWireError";
  }

  /** Whether `error` is any BotWire error. */
  static isInstance(error: unknown): error is BotWireError {
    return BotWireError.hasMarker(error, marker);
  }

  /** Whether `error` carries the marker of the class named by `classMarker`. */
  protected static hasMarker(error: unknown, classMarker: string): boolean {
    const classSymbol = Symbol.for(classMarker);
    return (
      error != null &&
      typeof error === "object" &&
      classSymbol in error &&
      (error as Record<symbol, unknown>)[classSymbol] === true
    );
  }
}
