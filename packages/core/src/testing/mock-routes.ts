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

/** A route as the server's route table has it: path segments (`:ns`, `:key` non-empty). */
interface MockRoute {
  segments: string[];
  /** Handlers by method, in the server's `Allow` order. */
  methods: Record<string, Route>;
}

const v1 = (path: string) => ["", "v1", "namespaces", ":ns", ...path.split("/").filter(Boolean)];
const probe =
  (body: unknown): Route =>
  async () =>
    json(body);
const ROUTES: MockRoute[] = [
  { segments: v1("keys/:key"), methods: KEY_ROUTES },
  { segments: v1("keys"), methods: { GET: listKeys } },
  { segments: v1("lists/:key"), methods: LIST_ROUTES },
  { segments: v1("batch"), methods: { POST: batch } },
  { segments: v1(""), methods: { DELETE: clear } },
  // Liveness and readiness: an in-memory store is always ready.
  { segments: ["", "healthz"], methods: { GET: probe({ status: "ok" }) } },
  { segments: ["", "readyz"], methods: { GET: probe({ status: "ready" }) } },
];

/**
 * Serves one v1 request (or `/healthz`, `/readyz`) from the mock's data. HEAD is answered as
 * GET without the body, as HTTP servers (the reference server's router included) do.
 */
export async function routeMockRequest(request: Request, ctx: MockContext): Promise<Response> {
  if (request.method !== "HEAD") return await serve(request, request.method, ctx);
  const response = await serve(request, "GET", ctx);
  return new Response(null, { status: response.status, headers: response.headers });
}

async function serve(request: Request, method: string, ctx: MockContext): Promise<Response> {
  try {
    const url = new URL(request.url);
    const parts = url.pathname.split("/");
    const route = ROUTES.find(
      ({ segments }) =>
        segments.length === parts.length &&
        segments.every((s, i) => (s.startsWith(":") ? parts[i] !== "" : s === parts[i])),
    );
    if (!route) throw new ProtocolError("route_not_found", "No such route.");
    const handler = route.methods[method];
    // Names are checked before the method, except for OPTIONS (the method of CORS
    // preflights, which the server lets through unchecked): the server's order.
    if (!handler && method === "OPTIONS") throw methodNotAllowed(route);
    const at = (name: string) => parts[route.segments.indexOf(name)] ?? "";
    const ns = route.segments.includes(":ns")
      ? assertNamespace(decodePathSegment(at(":ns"), "invalid_namespace"))
      : "";
    const key = route.segments.includes(":key")
      ? assertKey(decodePathSegment(at(":key"), "invalid_key"), ctx.limits.maxKeyBytes)
      : "";
    if (!handler) throw methodNotAllowed(route);
    return await handler(request, ns, key, ctx, url.searchParams);
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

async function listKeys(
  _request: Request,
  ns: string,
  _key: string,
  ctx: MockContext,
  search: URLSearchParams,
): Promise<Response> {
  const query = parseListQuery(search, ctx.limits);
  const all = ctx.data.keys(ns, ctx.now(), query.prefix, query.after);
  const items = all.slice(0, query.limit);
  const more = all.length > query.limit;
  return json({ items, nextCursor: more ? encodeCursor(items.at(-1)?.key ?? "") : null });
}

async function clear(_request: Request, ns: string, _key: string, ctx: MockContext) {
  ctx.data.clear(ns);
  return noContent();
}

async function batch(
  request: Request,
  ns: string,
  _key: string,
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

function methodNotAllowed(route: MockRoute): ProtocolError {
  const allow = Object.keys(route.methods).join(", ");
  return new ProtocolError("method_not_allowed", `This route accepts ${allow}.`, { allow });
}
