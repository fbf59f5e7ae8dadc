import { ProtocolError } from "@botwire/core/protocol";
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { ServerStore } from "../store/store.js";
import { AccessControl } from "./access-control.js";
import { registerAdminNamespacesRoute } from "./admin-namespaces-route.js";
import { registerAdminRoutes } from "./admin-routes.js";
import { registerBotWireRoutes } from "./botwire-routes.js";
import { errorResponse, toProtocolError } from "./error-response.js";
import { type HandlerOptions, resolveHandlerOptions } from "./handler-options.js";
import { registerInspectorRoutes } from "./inspector-routes.js";
import { registerMethodGuards } from "./method-guards.js";
import { registerOpsRoutes } from "./ops-routes.js";
import { loggerOf, registerRequestIds } from "./request-id.js";
import { parseRequestTarget, rawPathOf } from "./request-target.js";
import type { ServerEnv } from "./server-env.js";
import { ServerMetrics } from "./server-metrics.js";
import { registerV1BatchRoute } from "./v1-batch-route.js";
import { registerV1KeyRoutes } from "./v1-key-routes.js";
import { registerV1ListRoutes } from "./v1-list-routes.js";

/** A web-standard request handler: mount it on any server, or call it in-process. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * The BotWire server as a web-standard fetch handler over `store`: the v1 protocol, the
 * BotWire-compatible routes, health, metrics and OpenAPI. It never knows which store it has;
 * on a store without `RecencyStore`, `GET /memory/{ns}` and `GET /stats/memory` answer
 * 404 and every other route works.
 *
 * @example
 * ```ts
 * const handler = createHandler(new SqliteStore({ path: "./botwire.db" }));
 * const response = await handler(new Request("http://local/v1/namespaces/app/keys/greeting"));
 * ```
 */
export function createHandler(engine: ServerStore, options?: HandlerOptions): FetchHandler {
  const resolved = resolveHandlerOptions(options);
  // Routed on the path as sent: see rawPathOf.
  const app = new Hono<ServerEnv>({ getPath: (request) => rawPathOf(request.url) });
  const metrics = options?.metrics ?? new ServerMetrics();
  const store = metrics.instrument(engine);
  const access = new AccessControl(store, options ?? {}, resolved.now);
  const deps = { app, store, options: resolved, access };

  app.use(async (c, next) => {
    const start = performance.now();
    const target = parseRequestTarget(c.req.url, resolved.limits.maxKeyBytes);
    c.set("target", target);
    await next();
    const route = target.route ?? "unmatched";
    metrics.recordRequest(c.req.method, route, c.res.status, (performance.now() - start) / 1000);
  });
  registerRequestIds(app, resolved.logger);
  if (options?.corsOrigins?.length) {
    app.use(
      cors({
        origin: options.corsOrigins,
        exposeHeaders: [
          "ETag",
          "X-Request-Id",
          "Retry-After",
          "RateLimit-Limit",
          "RateLimit-Remaining",
          "RateLimit-Reset",
        ],
      }),
    );
  }
  access.register(app);
  // Ahead of the token routes, which need admin mode: listing namespaces works in open mode too.
  registerAdminNamespacesRoute(deps);
  registerAdminRoutes(deps, options?.adminToken !== undefined);
  registerInspectorRoutes(app, options?.ui === true, options?.adminToken !== undefined);
  registerV1KeyRoutes(deps);
  registerV1ListRoutes(deps);
  registerV1BatchRoute(deps);
  registerBotWireRoutes(deps);
  registerOpsRoutes(deps, metrics);
  registerMethodGuards(app);
  app.notFound(() =>
    errorResponse(
      new ProtocolError("route_not_found", "No such route: see GET /openapi.json for the routes."),
    ),
  );
  app.onError((error, c) => errorResponse(toProtocolError(error, loggerOf(c, resolved.logger))));

  return async (request) => app.fetch(request);
}
