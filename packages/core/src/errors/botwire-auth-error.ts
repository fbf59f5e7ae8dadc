import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.auth";
const symbol = Symbol.for(marker);

/** The server needs a token (401) or the token may not do this (403). Pass `token` or set BOTWIRE_TOKEN. */
export class BotWireAuthError extends BotWireApiError {
  protected readonly [symbol] = true;

  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireAuthError";
  }

  /** Whether `error` is a {@link BotWireAuthError}. */
  static override isInstance(error: unknown): error is BotWireAuthError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
