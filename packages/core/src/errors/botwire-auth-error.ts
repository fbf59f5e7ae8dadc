import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.auth";
const symbol = Symbol.for(marker);

/**
 * The server wants a valid token (401 `unauthorized`: missing, unknown, revoked or expired), or
 * the token may not do this (403 `forbidden`: another namespace, a write with a read-only token,
 * an admin route). Pass `token` to `Memory` or set BOTWIRE_TOKEN; retrying will not help.
 */
export class BotWireAuthError extends BotWireApiError {
  protected readonly [symbol] = true;

  /** @param init status, code, message and details of the refusal */
  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireAuthError";
  }

  /** Whether `error` is a {@link BotWireAuthError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireAuthError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
