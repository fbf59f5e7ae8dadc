import {
  assertKey,
  assertNamespace,
  decodePathSegment,
  ProtocolError,
} from "@botwire/core/protocol";
import type { Context } from "hono";
import { ROUTES, type RoutePattern } from "./routes.js";
import type { ServerEnv } from "./server-env.js";

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

/** The target parsed for this request by the first middleware. */
export function targetOf(c: Context<ServerEnv>): RequestTarget {
  const target = c.get("target");
  if (!target) throw new Error("The request target was not parsed: register it first.");
  return target;
}

/** The namespace of a request to a `:ns` route, checked against the route the router chose. */
export function namespaceOf(c: Context<ServerEnv>): string {
  const target = routedTarget(c);
  if (target.namespace === undefined) throw new Error(`${target.route} has no namespace.`);
  return target.namespace;
}

/** The namespace and key of a request to a `:key` route. */
export function keyTargetOf(c: Context<ServerEnv>): { namespace: string; key: string } {
  const target = routedTarget(c);
  if (target.namespace === undefined || target.key === undefined) {
    throw new Error(`${target.route} has no namespace and key.`);
  }
  return { namespace: target.namespace, key: target.key };
}

function routedTarget(c: Context<ServerEnv>): RequestTarget {
  const target = targetOf(c);
  if (target.invalid) throw target.invalid;
  // The router and the parser read the same table; a mismatch is a bug, never a guess.
  if (target.route !== c.req.routePath) {
    throw new Error(`Routed to ${c.req.routePath} but the path parses as ${target.route}.`);
  }
  return target;
}
