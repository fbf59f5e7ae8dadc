import { BotWireApiError, type BotWireApiErrorInit } from "./botwire-api-error.js";

const marker = "botwire.error.not-found";
const symbol = Symbol.for(marker);

/**
 * 404 where absence is an error: an unknown route (`route_not_found`: the url option does not
 * point at a BotWire v1 server) or a non-protocol 404. Absent keys are not errors: `get`
 * resolves `undefined`, `delete` resolves `false`.
 */
export class BotWireNotFoundError extends BotWireApiError {
  protected readonly [symbol] = true;

  /** @param init status, code, message and details of the refusal */
  constructor(init: BotWireApiErrorInit) {
    super(init);
    this.name = "BotWireNotFoundError";
  }

  /** Whether `error` is a {@link BotWireNotFoundError}, from this copy of the package or another. */
  static override isInstance(error: unknown): error is BotWireNotFoundError {
    return BotWireApiError.hasMarker(error, marker);
  }
}
