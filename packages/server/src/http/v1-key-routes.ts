import {
  encodeCursor,
  etagOf,
  expiresAtFor,
  ProtocolError,
  parseListQuery,
  parsePutBody,
  preconditionOf,
} from "@botwire/core/protocol";
import { jsonBody, queryOf, rawJson } from "./request-parts.js";
import { keyTargetOf, namespaceOf } from "./request-target.js";
import type { RouteDeps } from "./route-deps.js";

const KEY = "/v1/namespaces/:ns/keys/:key";

/** Values: read, write (versions, TTL), delete, list keys, clear a namespace. */
export function registerV1KeyRoutes({ app, store, options }: RouteDeps): void {
  const { limits, now } = options;

  app.get(KEY, async (c) => {
    const { namespace, key } = keyTargetOf(c);
    const entry = await store.get(namespace, key, now());
    if (!entry) throw notFound();
    if (entry.kind !== "value") {
      throw new ProtocolError(
        "wrong_kind",
        "This key holds a list: read it with GET /v1/namespaces/{ns}/lists/{key}.",
      );
    }
    const head = JSON.stringify({ key, kind: "value" }).slice(0, -1);
    const tail = JSON.stringify({
      version: entry.version,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      expiresAt: entry.expiresAt,
    }).slice(1);
    return rawJson(`${head},"value":${entry.value},${tail}`, 200, { etag: etagOf(entry.version) });
  });

  app.put(KEY, async (c) => {
    const { namespace, key } = keyTargetOf(c);
    const expect = preconditionOf(c.req.raw.headers);
    const body = parsePutBody(
      await jsonBody(c, options.maxValueBodyBytes, limits.maxJsonDepth),
      limits,
    );
    const at = now();
    const expiresAt = body.ttl === undefined ? null : expiresAtFor(at, body.ttl);
    const result = await store.put(namespace, key, { value: body.value, expiresAt, expect }, at);
    c.header("etag", etagOf(result.version));
    return c.json(
      {
        key,
        version: result.version,
        createdAt: result.createdAt,
        updatedAt: result.updatedAt,
        expiresAt: result.expiresAt,
      },
      result.created ? 201 : 200,
    );
  });

  app.delete(KEY, async (c) => {
    const { namespace, key } = keyTargetOf(c);
    const expect = preconditionOf(c.req.raw.headers, true);
    const deleted = await store.delete(namespace, key, { expect }, now());
    if (!deleted) throw notFound();
    return c.body(null, 204);
  });

  app.get("/v1/namespaces/:ns/keys", async (c) => {
    const query = parseListQuery(queryOf(c), limits);
    // One extra row tells whether another page exists without a second query.
    const items = await store.listKeys(namespaceOf(c), { ...query, limit: query.limit + 1 }, now());
    const more = items.length > query.limit;
    if (more) items.pop();
    const last = items.at(-1);
    return c.json({ items, nextCursor: more && last ? encodeCursor(last.key) : null });
  });

  app.delete("/v1/namespaces/:ns", async (c) => {
    await store.clearNamespace(namespaceOf(c));
    return c.body(null, 204);
  });
}

/** 404 for a key that is absent or expired. */
export function notFound(): ProtocolError {
  return new ProtocolError("not_found", "Nothing is stored under this key (it may have expired).");
}
