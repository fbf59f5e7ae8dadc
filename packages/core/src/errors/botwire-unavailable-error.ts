import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.unavailable";
const symbol = Symbol.for(marker);

/** The server or its storage is unavailable (502, 503, 504): retry later. */
export class BotWireUnavailableError extends BotWireApiError {
  protected readonly [symbol] = true;

  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireUnavailableError";
  }

  /** Whether `error` is a {@link BotWireUnavailableError}. */
  static override isInstance(error: unknown): error is BotWireUnavailableError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
