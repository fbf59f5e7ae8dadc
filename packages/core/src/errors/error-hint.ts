/**
 * What the caller can do about a failed response, from the client's side of the wire: the
 * server's own message says what was wrong, this says which option or server flag fixes it.
 * Undefined when the server's message is all there is to say.
 */
export function errorHint(
  status: number,
  code: string,
  details: Record<string, unknown>,
): string | undefined {
  const limit = typeof details.limit === "number" ? details.limit : undefined;
  switch (code) {
    case "value_too_large":
      return `The limit is ${bytes(limit)}: to allow more, raise --max-value-bytes (values) or --max-item-bytes (list items) on the server.`;
    case "payload_too_large":
      return "Send fewer items or operations per call.";
    case "limit_exceeded":
      return "Split the call, or raise the matching limit on the server (--max-append-items, --max-batch-ops, --max-list-length).";
    case "unauthorized":
      return "Pass the token option to Memory, or set BOTWIRE_TOKEN.";
    case "forbidden":
      return "Use a token whose namespace patterns cover this namespace (and that is not read-only, for writes).";
    case "route_not_found":
      return "Check that the url option (BOTWIRE_URL) points at a BotWire server speaking protocol v1.";
    case "wrong_kind":
      return "Values use get/set, lists use append/range/getList; delete the key first to change its kind.";
    case "version_mismatch":
      return "Read the key again and retry with its new version, or let memory.update() do it.";
    case "store_unavailable":
      return "The server cannot reach its storage engine: retry later, and check the database.";
    case "server_busy":
      return "The server holds too many replies that clients are slow to read: retry after the Retry-After delay.";
    case "internal_error":
      return "This is a server bug: report it with the server's log.";
  }
  if (status === 502 || status === 504) {
    return "A proxy could not get an answer from the BotWire server: check that it is running.";
  }
  if (status === 404) return "Check the url option (BOTWIRE_URL): nothing answers there.";
  return undefined;
}

function bytes(limit: number | undefined): string {
  if (limit === undefined) return "the server's limit";
  if (limit % (1024 * 1024) === 0) return `${limit / (1024 * 1024)} MiB`;
  if (limit % 1024 === 0) return `${limit / 1024} KiB`;
  return `${limit} bytes`;
}
