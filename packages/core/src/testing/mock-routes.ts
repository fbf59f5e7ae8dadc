import { assertKey, assertNamespace, decodePathSegment } from "../protocol/assert-names.js";
import { utf8Length } from "../protocol/body-fields.js";
import type { Limits } from "../protocol/limits.js";
import { parseBatchBody } from "../protocol/parse-batch-body.js";
import { parseJsonBody } from "../protocol/parse-json-body.js";
import { encodeCursor, parseListQuery, parseRangeQuery } from "../protocol/parse-queries.js";
import {
  listTooLong,
  parseAppendBody,
  parsePutBody,
  parseReplaceBody,
} from "../protocol/parse-write-bodies.js";
import { etagOf, preconditionOf, preconditionOfVersion } from "../protocol/precondition.js";
import { ProtocolError } from "../protocol/protocol-error.js";
import { readBody } from "../protocol/read-body.js";
import { ReadBudget } from "../protocol/read-budget.js";
import { expiresAtFor } from "../protocol/ttl.js";
import type { MockData } from "./mock-data.js";

/** What a mock route needs besides the request. */
export interface MockContext {
  data: MockData;
  limits: Limits;
  now: () => number;
}

type Route = (
  request: Request,
  ns: string,
  key: string,
  ctx: MockContext,
  query: URLSearchParams,
) => Promise<Response>;

// The protocol's request body limits: a value plus room for the envelope, and for list and
// batch bodies the reference server's default.
const VALUE_BODY_SLACK = 64 * 1024;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
const noContent = () => new Response(null, { status: 204 });
const notFound = () =>
  new ProtocolError("not_found", "Nothing is stored under this key (it may have expired).");
const body = async (request: Request, limits: Limits, maxBytes = MAX_BODY_BYTES) =>
  parseJsonBody(
    await readBody(request, maxBytes),
    request.headers.get("content-type"),
    limits.maxJsonDepth,
  );
const ttlToExpiry = (ttl: number | undefined, now: number) =>
  ttl === undefined ? null : expiresAtFor(now, ttl);

// Liveness and readiness: an in-memory store is always ready.
const PROBES: Record<string, unknown> = {
  "/healthz": { status: "ok" },
  "/readyz": { status: "ready" },
};

const KEY_ROUTES: Record<string, Route> = {
  async GET(_request, ns, key, { data, now }) {
    const record = data.get(ns, key, now());
    if (!record) throw notFound();
    if (record.kind !== "value")
      throw new ProtocolError("wrong_kind", "This key holds a list: read it as a list.");
    const { version, createdAt, updatedAt, expiresAt } = record;
    const value = JSON.parse(record.value ?? "null");
    return json({ key, kind: "value", value, version, createdAt, updatedAt, expiresAt }, 200, {
      etag: etagOf(version),
    });
  },
  async PUT(request, ns, key, { data, limits, now }) {
    const expect = preconditionOf(request.headers);
    const maxBytes = limits.maxValueBytes + VALUE_BODY_SLACK;
    const parsed = parsePutBody(await body(request, limits, maxBytes), limits);
    const at = now();
    const { record, created } = data.put(
      ns,
      key,
      parsed.value,
      ttlToExpiry(parsed.ttl, at),
      expect,
      at,
    );
    const { version, createdAt, updatedAt, expiresAt } = record;
    return json({ key, version, createdAt, updatedAt, expiresAt }, created ? 201 : 200, {
      etag: etagOf(version),
    });
  },
  async DELETE(request, ns, key, { data, now }) {
    if (!data.delete(ns, key, preconditionOf(request.headers, true), now())) throw notFound();
    return noContent();
  },
};

const LIST_ROUTES: Record<string, Route> = {
  async POST(request, ns, key, { data, limits, now }) {
    const parsed = parseAppendBody(await body(request, limits), limits);
    const at = now();
    const current = data.forWrite(ns, key, "list", at);
    const firstSeq = current?.nextSeq ?? 1;
    let items = [
      ...(current?.items ?? []),
      ...parsed.items.map((value, i) => ({ seq: firstSeq + i, value })),
    ];
    if (parsed.maxLength !== undefined) items = items.slice(-parsed.maxLength);
    if (items.length > limits.maxListLength) throw listTooLong(limits.maxListLength);
    const lastSeq = firstSeq + parsed.items.length - 1;
    const expiresAt =
      parsed.ttl === undefined ? (current?.expiresAt ?? null) : expiresAtFor(at, parsed.ttl);
    const createdAt = current?.createdAt ?? at;
    const saved = data.save(ns, key, {
      kind: "list",
      items,
      nextSeq: lastSeq + 1,
      createdAt,
      updatedAt: at,
      expiresAt,
    });
    return json({ length: items.length, firstSeq, lastSeq, version: saved.version });
  },
  async GET(_request, ns, key, { data, limits, now }, query) {
    const window = parseRangeQuery(query, limits);
    const record = data.get(ns, key, now());
    if (!record) throw notFound();
    if (record.kind !== "list")
      throw new ProtocolError("wrong_kind", "This key holds a value: read it as a value.");
    const all = record.items;
    const start =
      "last" in window
        ? Math.max(0, all.length - window.last)
        : all.findIndex((item) => item.seq > window.after);
    const budget = new ReadBudget(limits.maxReadBytes);
    const selected: typeof all = [];
    const limit = "last" in window ? window.last : window.limit;
    for (const item of start === -1 ? [] : all.slice(start, start + limit)) {
      if (!budget.take(utf8Length(item.value))) break;
      selected.push(item);
    }
    const items = selected.map((item) => ({ seq: item.seq, value: JSON.parse(item.value) }));
    const lastSeq = selected.at(-1)?.seq;
    const nextAfter = lastSeq !== undefined && lastSeq < (all.at(-1)?.seq ?? 0) ? lastSeq : null;
    return json({ items, length: all.length, version: record.version, nextAfter }, 200, {
      etag: etagOf(record.version),
    });
  },
  async PUT(request, ns, key, { data, limits, now }) {
    const expect = preconditionOf(request.headers);
    const parsed = parseReplaceBody(await body(request, limits), limits);
    const at = now();
    const current = data.forWrite(ns, key, "list", at);
    data.check(expect, current);
    const firstSeq = current?.nextSeq ?? 1;
    const items = parsed.items.map((value, i) => ({ seq: firstSeq + i, value }));
    const saved = data.save(ns, key, {
      kind: "list",
      items,
      nextSeq: firstSeq + items.length,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      expiresAt: ttlToExpiry(parsed.ttl, at),
    });
    return json({ length: items.length, version: saved.version }, 200, {
      etag: etagOf(saved.version),
    });
  },
  async DELETE(_request, ns, key, { data, now }) {
    if (!data.delete(ns, key, undefined, now(), "list")) throw notFound();
    return noContent();
  },
};

/** Serves one v1 request (or `/healthz`, `/readyz`) from the mock's data. */
export async function routeMockRequest(request: Request, ctx: MockContext): Promise<Response> {
  try {
    const url = new URL(request.url);
    const probe = PROBES[url.pathname];
    if (probe) {
      if (request.method !== "GET") throw methodNotAllowed("GET");
      return json(probe);
    }
    const parts = url.pathname.split("/");
    if (parts[1] !== "v1" || parts[2] !== "namespaces" || parts.length < 4 || parts.length > 6) {
      throw new ProtocolError("route_not_found", "No such route.");
    }
    const ns = assertNamespace(decodePathSegment(parts[3] ?? "", "invalid_namespace"));
    const method = request.method;
    if (parts.length === 4) {
      if (method !== "DELETE") throw methodNotAllowed("DELETE");
      ctx.data.clear(ns);
      return noContent();
    }
    const collection = parts[4];
    if (parts.length === 5) {
      if (collection === "keys" && method === "GET") {
        const query = parseListQuery(url.searchParams, ctx.limits);
        const all = ctx.data.keys(ns, ctx.now(), query.prefix, query.after);
        const items = all.slice(0, query.limit);
        const more = all.length > query.limit;
        return json({ items, nextCursor: more ? encodeCursor(items.at(-1)?.key ?? "") : null });
      }
      if (collection === "batch" && method === "POST") return await batch(request, ns, ctx);
      if (collection === "keys" || collection === "batch")
        throw methodNotAllowed(collection === "keys" ? "GET" : "POST");
      throw new ProtocolError("route_not_found", "No such route.");
    }
    const routes =
      collection === "keys" ? KEY_ROUTES : collection === "lists" ? LIST_ROUTES : undefined;
    if (!routes) throw new ProtocolError("route_not_found", "No such route.");
    const route = routes[method];
    if (!route) throw methodNotAllowed(Object.keys(routes).join(", "));
    const key = assertKey(decodePathSegment(parts[5] ?? "", "invalid_key"), ctx.limits.maxKeyBytes);
    return await route(request, ns, key, ctx, url.searchParams);
  } catch (caught) {
    // Anything unexpected is a bug of the mock: a 500, as the real server answers its own.
    const error =
      caught instanceof ProtocolError
        ? caught
        : new ProtocolError("internal_error", `The mock server failed: ${String(caught)}`);
    const headers: Record<string, string> =
      error.code === "method_not_allowed" ? { allow: String(error.details.allow) } : {};
    const { allow: _allow, ...details } = error.details;
    return json(
      { error: { ...details, code: error.code, message: error.message } },
      error.status,
      headers,
    );
  }
}

async function batch(
  request: Request,
  ns: string,
  { data, limits, now }: MockContext,
): Promise<Response> {
  const ops = parseBatchBody(await body(request, limits), limits);
  const at = now();
  const prepared = ops.map((op) => ({
    ...op,
    expiresAt: op.op === "set" ? ttlToExpiry(op.ttl, at) : null,
    expect: op.op === "get" ? undefined : preconditionOfVersion(op.ifVersion),
  }));
  return json({ results: data.batch(ns, prepared, at, limits.maxReadBytes) });
}

function methodNotAllowed(allow: string): ProtocolError {
  return new ProtocolError("method_not_allowed", `This route accepts ${allow}.`, { allow });
}
