import { ProtocolError } from "@botwire/core/protocol";
import type { HttpMetrics } from "./http-metrics.js";
import { OPENAPI_DOCUMENT } from "./openapi-document.js";
import type { RouteDeps } from "./route-deps.js";

/** Liveness, readiness, metrics and the OpenAPI description. */
export function registerOpsRoutes({ app, store }: RouteDeps, metrics: HttpMetrics): void {
  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    try {
      await store.ping();
    } catch (error) {
      throw new ProtocolError("store_unavailable", "The storage engine does not answer yet.", {
        reason: (error as Error).message,
      });
    }
    return c.json({ status: "ready" });
  });

  app.get("/metrics", (c) =>
    c.body(metrics.render(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }),
  );

  app.get("/openapi.json", (c) => c.json(OPENAPI_DOCUMENT));
}
