import { ProtocolError } from "@botwire/core/protocol";
import { OPENAPI_DOCUMENT } from "./openapi-document.js";
import type { RouteDeps } from "./route-deps.js";
import type { ServerMetrics } from "./server-metrics.js";

/** Liveness, readiness, metrics and the OpenAPI description. */
export function registerOpsRoutes({ app, store }: RouteDeps, metrics: ServerMetrics): void {
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

  app.get("/metrics", async (c) => {
    const { contentType, text } = await metrics.render();
    return c.body(text, 200, { "content-type": contentType });
  });

  app.get("/openapi.json", (c) => c.json(OPENAPI_DOCUMENT));
}
