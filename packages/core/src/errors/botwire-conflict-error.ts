import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.conflict";
const symbol = Symbol.for(marker);

/**
 * A conditional write lost a race (412 `version_mismatch`): the key's version is not the one
 * expected. Read the key again, re-apply the change and retry, or use `memory.update()`.
 */
export class BotWireConflictError extends BotWireApiError {
  protected readonly [symbol] = true;
  /** The key's version at the time of the request; null when it was absent. */
  readonly currentVersion: number | null;

  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireConflictError";
    const current = init.details?.currentVersion;
    this.currentVersion = typeof current === "number" ? current : null;
  }

  /** Whether `error` is a {@link BotWireConflictError}. */
  static override isInstance(error: unknown): error is BotWireConflictError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
