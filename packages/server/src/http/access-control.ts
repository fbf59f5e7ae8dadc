import { ProtocolError } from "@botwire/core/protocol";
import type { Context, Hono } from "hono";
import { matchesNamespace } from "../auth/namespace-pattern.js";
import { hashSecret, secretsEqual } from "../auth/token-secrets.js";
import type { AccessStore, TokenRecord } from "../store/store.js";
import { utcDay } from "../store/utc-day.js";
import { detailResponse, errorResponse } from "./error-response.js";
import { type RequestTarget, targetOf } from "./request-target.js";
import { acceptsMethod, ROUTES, type RoutePattern } from "./routes.js";
import type { ServerEnv } from "./server-env.js";

/** Who is calling: the admin, or the holder of a scoped token. */
export type Caller = { admin: true } | { admin: false; token: TokenRecord };

/** Security options of the handler. */
export interface AccessOptions {
  /** With it, every route but health checks needs a token; the admin token may do anything. */
  adminToken?: string;
  /** Writes per namespace per UTC day. */
  writeQuota?: number;
}

const BATCH: RoutePattern = "/v1/namespaces/:ns/batch";

/**
 * Authentication, namespace scopes, read-only tokens and quotas, in front of every route. In
 * open mode (no admin token) anyone may call anything, as on BotWire's hosted API; quotas
 * still apply.
 */
export class AccessControl {
  constructor(
    private readonly store: AccessStore,
    private readonly options: AccessOptions,
    private readonly now: () => number,
  ) {}

  /** Installs the checks as middleware, ahead of the routes. */
  register(app: Hono<ServerEnv>): void {
    app.use(async (c, next) => {
      const target = targetOf(c);
      try {
        await this.#check(c, target);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        return target.compat ? detailResponse(error) : errorResponse(error);
      }
      await next();
      for (const [name, value] of Object.entries(c.get("rateHeaders") ?? {})) {
        c.res.headers.set(name, value);
      }
    });
  }

  /**
   * Charges `count` writes to the namespace: refuses read-only tokens (403) and writes over the
   * daily quota (429), and sets the RateLimit headers. Batches call it with their number of
   * write ops; other writes are charged by the middleware. (The storage cap is the store's: it
   * needs the size actually written.)
   */
  async chargeWrites(c: Context<ServerEnv>, namespace: string, count: number): Promise<void> {
    const caller = c.get("caller");
    if (caller && !caller.admin && caller.token.readOnly && count > 0) {
      throw new ProtocolError(
        "forbidden",
        "This token is read-only: use a read-write token for writes.",
      );
    }
    if (count === 0) return;
    const now = this.now();
    const { writeQuota } = this.options;
    if (writeQuota === undefined) return;
    const use = await this.store.consumeWrites(namespace, utcDay(now), count, writeQuota);
    const reset = secondsToUtcMidnight(now);
    const headers = { limit: writeQuota, remaining: Math.max(0, writeQuota - use.used), reset };
    if (!use.allowed) {
      throw new ProtocolError(
        "quota_exceeded",
        `The namespace used its ${writeQuota} writes for today (UTC): retry after the Retry-After delay, or ask the operator to raise --write-quota.`,
        { quota: "writes", limit: writeQuota, rateLimit: headers },
      );
    }
    c.set("rateHeaders", {
      "ratelimit-limit": String(headers.limit),
      "ratelimit-remaining": String(headers.remaining),
      "ratelimit-reset": String(headers.reset),
    });
  }

  async #check(c: Context<ServerEnv>, target: RequestTarget): Promise<void> {
    const spec = target.route && ROUTES[target.route];
    if (c.req.method === "OPTIONS" || (spec && "public" in spec)) return;
    const caller = await this.#authenticate(c.req.header("authorization"));
    if (caller) c.set("caller", caller);
    // Unknown routes fall through to 404 for the admin and in open mode; a scoped token may
    // only reach its namespaces' routes.
    if (caller && !caller.admin && (!spec || "admin" in spec)) {
      throw new ProtocolError("forbidden", "This route needs the admin token.");
    }
    if (target.invalid) throw target.invalid;
    const { namespace } = target;
    if (namespace === undefined) return;
    if (
      caller &&
      !caller.admin &&
      !caller.token.namespaces.some((p) => matchesNamespace(p, namespace))
    ) {
      throw new ProtocolError("forbidden", `This token may not use the namespace "${namespace}".`);
    }
    // A write the route accepts (a 405 writes nothing); a batch charges its own write ops.
    const { method } = c.req;
    const writes =
      method !== "GET" && method !== "HEAD" && target.route && acceptsMethod(target.route, method);
    if (writes && target.route !== BATCH) {
      await this.chargeWrites(c, namespace, 1);
    }
  }

  /** The caller, or undefined in open mode. 401 for a missing or unknown token. */
  async #authenticate(header: string | undefined): Promise<Caller | undefined> {
    const { adminToken } = this.options;
    if (adminToken === undefined) return undefined;
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
    if (!secret) {
      throw new ProtocolError(
        "unauthorized",
        "Send a token: Authorization: Bearer <token> (ask the operator for one).",
      );
    }
    if (secretsEqual(secret, adminToken)) return { admin: true };
    const token = await this.store.findToken(hashSecret(secret), this.now());
    if (!token)
      throw new ProtocolError(
        "unauthorized",
        "The token is unknown, revoked or expired: ask the operator for a new one.",
      );
    return { admin: false, token };
  }
}

function secondsToUtcMidnight(now: number): number {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return Math.ceil((midnight.getTime() - now) / 1000);
}
