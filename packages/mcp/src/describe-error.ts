import { BotWireAuthError, BotWireQuotaError, BotWireWrongKindError } from "@botwire/core";

/**
 * What a model (or the person reading the host's log) should do about a failed call, in one
 * message. Core's messages already name the cause and the fix; this adds what only the MCP
 * side knows: which tool fits a key of the other kind, how long to wait, and where the MCP
 * server's token is configured.
 *
 * @param wrongKind the advice when the key holds the other kind (a value vs a history)
 */
export function describeError(error: unknown, wrongKind?: string): string {
  if (wrongKind !== undefined && BotWireWrongKindError.isInstance(error)) return wrongKind;
  if (BotWireQuotaError.isInstance(error)) {
    return error.retryAfter === undefined
      ? `Quota exceeded, and waiting will not help: ${error.message}`
      : `Quota exceeded: retry after ${error.retryAfter} s. ${error.message}`;
  }
  if (BotWireAuthError.isInstance(error)) {
    return `The BotWire server refused botwire-mcp's token: set BOTWIRE_TOKEN (or --token) where the MCP server is configured, or over HTTP send "Authorization: Bearer <token>". ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
