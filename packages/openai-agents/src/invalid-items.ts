import { BotWireValidationError } from "@botwire/core";

/** A call refused before anything was sent or written: fix the arguments. */
export function invalidItems(message: string, cause?: unknown): BotWireValidationError {
  return new BotWireValidationError({
    message: `${message}.`,
    statusCode: 0,
    code: "invalid_request",
    cause,
  });
}
