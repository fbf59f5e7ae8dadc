import { ProtocolError } from "@botwire/core/protocol";
import type { HttpMetrics } from "./http-metrics.js";
import { openApiDocument } from "./openapi-document.js";
import { rawJson } from "./request-parts.js";
import type { RouteDeps } from "./route-deps.js";

/** Liveness, readiness, metrics and the OpenAPI description. */
export function registerOpsRoutes({ app, store, options }: RouteDeps, metrics: HttpMetrics): void {
  // Built once, from this server's resolved limits.
  const document = JSON.stringify(openApiDocument(options));
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

  app.get("/openapi.json", () => rawJson(document));
}
