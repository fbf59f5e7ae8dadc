import { BotWireError } from "./botwire-error.js";

const marker = "botwire.error.api";
const symbol = Symbol.for(marker);

/** What an API error is made of. */
export interface BotWireApiErrorInit {
  /** What went wrong and what to do about it. */
  message: string;
  /** HTTP status; 0 when the client refused the call before sending it. */
  statusCode: number;
  /** The protocol's machine-readable error code, e.g. `version_mismatch`; `http_<status>` when the body had none. */
  code: string;
  /** Extra fields of the error body (`field`, `index`, `limit`, `currentVersion`, ...). */
  details?: Record<string, unknown>;
  /** The raw response body, truncated to 2 KiB. */
  responseBody?: string;
  /** Whether the same request may succeed if sent again later. @default false */
  isRetryable?: boolean;
  /** The underlying error, when there is one. */
  cause?: unknown;
}

/**
 * The server refused a request: a 4xx or 5xx, with the protocol's error code when the body
 * carried one. Subclasses name the common cases; other statuses (405, 500) come as this class.
 */
export class BotWireApiError extends BotWireError {
  protected readonly [symbol] = true;
  /** HTTP status; 0 when the client refused the call before sending it. */
  readonly statusCode: number;
  /** The protocol's error code (`invalid_key`, `not_found`, ...), or `http_<status>` when the body had none. */
  readonly code: string;
  /** Extra fields of the error body: `field`, `index` (of a batch op), `limit`, `currentVersion`. */
  readonly details: Record<string, unknown>;
  /** The raw response body, truncated to 2 KiB; undefined for errors raised before sending. */
  readonly responseBody: string | undefined;
  /** Whether sending the same request again later may succeed (429, 502, 503, 504). */
  readonly isRetryable: boolean;

  /** @param init status, code, message and details of the refusal */
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
