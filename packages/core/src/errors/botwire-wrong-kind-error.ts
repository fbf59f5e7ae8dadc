import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.wrong-kind";
const symbol = Symbol.for(marker);

/**
 * The key holds the other kind (409 `wrong_kind`): a list read with `get`/`set`, or a value
 * read with `append`/`range`. Use the matching methods, or delete the key first to change its
 * kind. In a batch, `details.index` names the op.
 */
export class BotWireWrongKindError extends BotWireApiError {
  protected readonly [symbol] = true;

  /** @param init status, code, message and details of the refusal */
  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireWrongKindError";
  }

  /** Whether `error` is a {@link BotWireWrongKindError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireWrongKindError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
