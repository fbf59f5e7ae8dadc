import { BotWireError } from "./botwire-error.js";

const marker = "botwire.error.api";
const symbol = Symbol.for(marker);

/** What the server answered. */
export interface BotWireApiErrorInit {
  message: string;
  /** HTTP status; 0 when the client refused the call before sending it. */
  statusCode: number;
  /** The protocol's machine-readable error code, e.g. `version_mismatch`. */
  code: string;
  /** Extra fields of the error body (`field`, `index`, `limit`, `currentVersion`, ...). */
  details?: Record<string, unknown>;
  /** The raw response body, truncated. */
  responseBody?: string;
  /** Whether the same request may succeed if sent again. */
  isRetryable?: boolean;
  cause?: unknown;
}

/** The server refused a request: a 4xx or 5xx with the protocol's error code. */
export class BotWireApiError extends BotWireError {
  protected readonly [symbol] = true;
  readonly statusCode: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly responseBody: string | undefined;
  readonly isRetryable: boolean;

  constructor(init: BotWireApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = "BotWireApiError";
    this.statusCode = init.statusCode;
    this.code = init.code;
    this.details = init.details ?? {};
    this.responseBody = init.responseBody;
    this.isRetryable = init.isRetryable ?? false;
  }

  /** Whether `error` is a BotWire API error (of any subclass). */
  static override isInstance(error: unknown): error is BotWireApiError {
    return BotWireError.hasMarker(error, marker);
  }
}
