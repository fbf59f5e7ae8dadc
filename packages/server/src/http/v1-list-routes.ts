import {
  etagOf,
  expiresAtFor,
  type Limits,
  type ParsedItems,
  parseAppendBody,
  parseRangeQuery,
  parseReplaceBody,
  preconditionOf,
} from "@botwire/core/protocol";
import type { Context } from "hono";
import { jsonBody, queryOf, rawJson } from "./request-parts.js";
import { keyTargetOf } from "./request-target.js";
import type { RouteDeps } from "./route-deps.js";
import type { ServerEnv } from "./server-env.js";
import { notFound } from "./v1-key-routes.js";

const LIST = "/v1/namespaces/:ns/lists/:key";

/** Lists (chat histories): atomic append, windowed reads, replace, delete. */
export function registerV1ListRoutes({ app, store, options }: RouteDeps): void {
  const { limits, now } = options;
  const body = async (
    c: Context<ServerEnv>,
    parse: (body: unknown, limits: Limits) => ParsedItems,
  ) => parse(await jsonBody(c, options.maxBodyBytes, limits.maxJsonDepth), limits);
  const expiryOf = (parsed: ParsedItems, at: number) =>
    parsed.ttl === undefined ? undefined : expiresAtFor(at, parsed.ttl);

  app.post(LIST, async (c) => {
    const { namespace, key } = keyTargetOf(c);
    const parsed = await body(c, parseAppendBody);
    const at = now();
    const { items, maxLength } = parsed;
    const result = await store.append(
      namespace,
      key,
      {
        items,
        maxLength,
        expiresAt: expiryOf(parsed, at),
        maxListLength: limits.maxListLength,
        ...options.storageCap,
      },
      at,
    );
    return c.json(result);
  });

  app.get(LIST, async (c) => {
    const window = parseRangeQuery(queryOf(c), limits);
    const { namespace, key } = keyTargetOf(c);
    const maxBytes = limits.maxReadBytes;
    const result = await store.range(namespace, key, { ...window, maxBytes }, now());
    if (!result) throw notFound();
    const items = result.items.map((item) => `{"seq":${item.seq},"value":${item.value}}`).join(",");
    const { length, version, nextAfter } = result;
    return rawJson(
      `{"items":[${items}],"length":${length},"version":${version},"nextAfter":${nextAfter}}`,
      200,
      {
        etag: etagOf(result.version),
      },
    );
  });

  app.put(LIST, async (c) => {
    const { namespace, key } = keyTargetOf(c);
    const expect = preconditionOf(c.req.raw.headers);
    const parsed = await body(c, parseReplaceBody);
    const at = now();
    const expiresAt = expiryOf(parsed, at) ?? null;
    const result = await store.replaceList(
      namespace,
      key,
      { items: parsed.items, expiresAt, expect, ...options.storageCap },
      at,
    );
    c.header("etag", etagOf(result.version));
    return c.json({ length: result.length, version: result.version });
  });

  app.delete(LIST, async (c) => {
    const { namespace, key } = keyTargetOf(c);
    const deleted = await store.delete(namespace, key, { kind: "list" }, now());
    if (!deleted) throw notFound();
    return c.body(null, 204);
  });
}
