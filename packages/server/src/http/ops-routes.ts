import { ProtocolError } from "@botwire/core/protocol";
import { openApiDocument } from "./openapi-document.js";
import { rawJson } from "./request-parts.js";
import type { RouteDeps } from "./route-deps.js";
import type { ServerMetrics } from "./server-metrics.js";

/** Liveness, readiness, metrics and the OpenAPI description. */
export function registerOpsRoutes(
  { app, store, options }: RouteDeps,
  metrics: ServerMetrics,
): void {
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

  app.get("/metrics", async (c) => {
    const { contentType, text } = await metrics.render();
    return c.body(text, 200, { "content-type": contentType });
  });

  app.get("/openapi.json", () => rawJson(document));
}
