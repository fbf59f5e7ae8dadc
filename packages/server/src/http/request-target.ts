import {
  assertKey,
  assertNamespace,
  decodePathSegment,
  ProtocolError,
} from "@botwire/core/protocol";
import type { Context } from "hono";

/** What a route is: who may call it, and which error shape it answers with. */
interface RouteSpec {
  /** Methods it accepts (the `Allow` header of a 405). */
  methods: string;
  /** Answers without a token. */
  public?: true;
  /** Needs the admin token. */
  admin?: true;
}

/**
 * Every route of the server, as router patterns: the one table the router, the access
 * control, the metrics and the 405 guards all read. `:ns` is a namespace, `:key` a key.
 */
export const ROUTES = {
  "/v1/namespaces/:ns/keys/:key": { methods: "GET, PUT, DELETE" },
  "/v1/namespaces/:ns/keys": { methods: "GET" },
  "/v1/namespaces/:ns/lists/:key": { methods: "GET, POST, PUT, DELETE" },
  "/v1/namespaces/:ns/batch": { methods: "POST" },
  "/v1/namespaces/:ns": { methods: "DELETE" },
  "/memory/:ns/:key": { methods: "GET, PUT, DELETE" },
  "/memory/:ns": { methods: "GET" },
  "/stats/memory": { methods: "GET", admin: true },
  "/health": { methods: "GET", public: true },
  "/healthz": { methods: "GET", public: true },
  "/readyz": { methods: "GET", public: true },
  "/metrics": { methods: "GET", admin: true },
  "/openapi.json": { methods: "GET", public: true },
  "/v1/admin/tokens": { methods: "GET, POST", admin: true },
  "/v1/admin/tokens/:id": { methods: "DELETE", admin: true },
  "/v1/admin/namespaces": { methods: "GET", admin: true },
  "/ui": { methods: "GET", public: true },
  "/ui/:file": { methods: "GET", public: true },
} as const satisfies Record<string, RouteSpec>;

/** A route pattern of {@link ROUTES}. */
export type RoutePattern = keyof typeof ROUTES;

/**
 * A request's path, parsed once: the route it names, and its namespace and key decoded and
 * validated. Everything that decides about a request reads this one object, so the access
 * control, the quota and the route can never disagree about what a path means.
 */
export interface RequestTarget {
  /** The matching route pattern; undefined when no route matches (404). */
  route: RoutePattern | undefined;
  /** BotWire's hosted API (`/memory`, `/stats`) answers errors as `{"detail": ...}`. */
  compat: boolean;
  /** The namespace, when the route has one and it is valid. */
  namespace?: string;
  /** The key, when the route has one and it is valid. */
  key?: string;
  /** Why the namespace or key in the path is invalid (thrown once the caller is known). */
  invalid?: ProtocolError;
}

const PATTERNS = Object.keys(ROUTES).map((route) => ({
  route: route as RoutePattern,
  segments: route.split("/"),
}));
const targets = new WeakMap<Request, RequestTarget>();

/**
 * The path of `url` exactly as sent, still percent-encoded. The router matches it as is, so a
 * fixed segment spelled with escapes (`/v1/%6Eamespaces/...`) is no route at all, rather than a
 * route that some layer recognizes and another does not.
 */
export function rawPathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const end = url.slice(start).search(/[?#]/);
  return end === -1 ? url.slice(start) : url.slice(start, start + end);
}

/** Parses the path of `url` against {@link ROUTES}; names are decoded exactly once. */
export function parseRequestTarget(url: string, maxKeyBytes: number): RequestTarget {
  const segments = rawPathOf(url).split("/");
  const compat = segments[1] === "memory" || segments[1] === "stats";
  const match = PATTERNS.find(
    (p) =>
      p.segments.length === segments.length &&
      p.segments.every((s, i) => (s.startsWith(":") ? segments[i] !== "" : s === segments[i])),
  );
  if (!match) return { route: undefined, compat };
  const target: RequestTarget = { route: match.route, compat };
  try {
    const ns = match.segments.indexOf(":ns");
    if (ns !== -1) {
      target.namespace = assertNamespace(
        decodePathSegment(segments[ns] as string, "invalid_namespace"),
      );
    }
    const key = match.segments.indexOf(":key");
    if (key !== -1) {
      target.key = assertKey(
        decodePathSegment(segments[key] as string, "invalid_key"),
        maxKeyBytes,
      );
    }
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    target.invalid = error;
  }
  return target;
}

/** Remembers the parsed target of a request, for {@link targetOf}. */
export function setTarget(request: Request, target: RequestTarget): void {
  targets.set(request, target);
}

/** The target parsed for this request by the first middleware. */
export function targetOf(c: Context): RequestTarget {
  const target = targets.get(c.req.raw);
  if (!target) throw new Error("The request target was not parsed: register it first.");
  return target;
}

/** The namespace of a request to a `:ns` route, checked against the route the router chose. */
export function namespaceOf(c: Context): string {
  const target = routedTarget(c);
  if (target.namespace === undefined) throw new Error(`${target.route} has no namespace.`);
  return target.namespace;
}

/** The namespace and key of a request to a `:key` route. */
export function keyTargetOf(c: Context): { namespace: string; key: string } {
  const target = routedTarget(c);
  if (target.namespace === undefined || target.key === undefined) {
    throw new Error(`${target.route} has no namespace and key.`);
  }
  return { namespace: target.namespace, key: target.key };
}

function routedTarget(c: Context): RequestTarget {
  const target = targetOf(c);
  if (target.invalid) throw target.invalid;
  // The router and the parser read the same table; a mismatch is a bug, never a guess.
  if (target.route !== c.req.routePath) {
    throw new Error(`Routed to ${c.req.routePath} but the path parses as ${target.route}.`);
  }
  return target;
}
