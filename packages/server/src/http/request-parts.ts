import { parseJsonBody, readBody } from "@botwire/core/protocol";
import type { Context } from "hono";
import type { ServerEnv } from "./server-env.js";

/** The request's JSON body, read with a byte limit and checked for type, UTF-8 and depth. */
export async function jsonBody(
  c: Context<ServerEnv>,
  maxBytes: number,
  maxDepth: number,
): Promise<unknown> {
  const bytes = await readBody(c.req.raw, maxBytes);
  return parseJsonBody(bytes, c.req.header("content-type") ?? null, maxDepth);
}

/** The query parameters of the request. */
export function queryOf(c: Context<ServerEnv>): URLSearchParams {
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
