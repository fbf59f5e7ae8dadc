import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.conflict";
const symbol = Symbol.for(marker);

/**
 * A conditional write lost a race (412 `version_mismatch`): the key's version is not the one
 * expected (`ifVersion`), or it exists despite `ifAbsent`. Read the key again, re-apply the
 * change and retry, or use `memory.update()`, which does exactly that. In a batch,
 * `details.index` names the op; nothing of the batch was written.
 */
export class BotWireConflictError extends BotWireApiError {
  protected readonly [symbol] = true;
  /** The key's version at the time of the request; null when it was absent. */
  readonly currentVersion: number | null;

  /** @param init status, code, message and details (`currentVersion`) of the refusal */
  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireConflictError";
    const current = init.details?.currentVersion;
    this.currentVersion = typeof current === "number" ? current : null;
  }

  /** Whether `error` is a {@link BotWireConflictError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireConflictError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
