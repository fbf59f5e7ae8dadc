import {
  assertKey,
  assertNamespace,
  decodePathSegment,
  parseJsonBody,
  readBody,
} from "@botwire/core/protocol";
import type { Context } from "hono";

/**
 * Path segments of the request, percent-decoding left to the caller. Read from the raw URL,
 * not the router's params, so every segment is decoded exactly once.
 */
function rawSegments(c: Context): string[] {
  const url = c.req.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const query = url.indexOf("?", start);
  return url.slice(start, query === -1 ? undefined : query).split("/");
}

/** The validated namespace at path segment `index`. */
export function namespaceAt(c: Context, index: number): string {
  return assertNamespace(decodePathSegment(rawSegments(c)[index] ?? "", "invalid_namespace"));
}

/** The validated key at path segment `index`. */
export function keyAt(c: Context, index: number, maxBytes: number): string {
  return assertKey(decodePathSegment(rawSegments(c)[index] ?? "", "invalid_key"), maxBytes);
}

/** The request's JSON body, read with a byte limit and checked for type, UTF-8 and depth. */
export async function jsonBody(c: Context, maxBytes: number, maxDepth: number): Promise<unknown> {
  const bytes = await readBody(c.req.raw, maxBytes);
  return parseJsonBody(bytes, c.req.header("content-type") ?? null, maxDepth);
}

/** The query parameters of the request. */
export function queryOf(c: Context): URLSearchParams {
  return new URL(c.req.url).searchParams;
}

/** A JSON response from already-serialized text (values travel as raw JSON, never re-parsed). */
export function rawJson(
  text: string,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
