import { ProtocolError } from "@botwire/core/protocol";
import type { Hono } from "hono";
import { errorResponse } from "./error-response.js";

const ALLOWED: Record<string, string> = {
  "/v1/namespaces/:ns/keys/:key": "GET, PUT, DELETE",
  "/v1/namespaces/:ns/keys": "GET",
  "/v1/namespaces/:ns/lists/:key": "GET, POST, PUT, DELETE",
  "/v1/namespaces/:ns/batch": "POST",
  "/v1/namespaces/:ns": "DELETE",
  "/memory/:ns/:key": "GET, PUT, DELETE",
  "/memory/:ns": "GET",
  "/stats/memory": "GET",
  "/health": "GET",
  "/healthz": "GET",
  "/readyz": "GET",
  "/metrics": "GET",
  "/openapi.json": "GET",
  "/v1/admin/tokens": "GET, POST",
  "/v1/admin/tokens/:id": "DELETE",
};

/**
 * 405 with `Allow` for a known route called with another method. Registered after the real
 * routes, so it only sees what they did not answer.
 */
export function registerMethodGuards(app: Hono): void {
  for (const [path, allow] of Object.entries(ALLOWED)) {
    app.all(path, () => {
      const response = errorResponse(
        new ProtocolError("method_not_allowed", `This route accepts ${allow}.`),
      );
      response.headers.set("allow", allow);
      return response;
    });
  }
}
