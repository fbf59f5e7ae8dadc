import { ProtocolError } from "@botwire/core/protocol";
import type { Hono } from "hono";
import { errorResponse } from "./error-response.js";
import { allowedMethods, ROUTES, type RoutePattern } from "./routes.js";
import type { ServerEnv } from "./server-env.js";

/**
 * 405 with `Allow` for a known route called with another method. Registered after the real
 * routes, so it only sees what they did not answer.
 */
export function registerMethodGuards(app: Hono<ServerEnv>): void {
  for (const path of Object.keys(ROUTES) as RoutePattern[]) {
    const allow = allowedMethods(path);
    app.all(path, () => {
      const response = errorResponse(
        new ProtocolError("method_not_allowed", `This route accepts ${allow}.`),
      );
      response.headers.set("allow", allow);
      return response;
    });
  }
}
