import { ProtocolError } from "@botwire/core/protocol";
import { describeToken, issueToken, type TokenGrant } from "../auth/issue-token.js";
import { jsonBody } from "./request-parts.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * Token administration for the admin token's holder (the access control refuses everyone
 * else): mint (the secret is shown once), list, revoke.
 */
export function registerAdminRoutes({ app, store, options }: RouteDeps, adminMode: boolean): void {
  app.use("/v1/admin/*", async (_c, next) => {
    if (!adminMode) {
      throw new ProtocolError(
        "forbidden",
        "Token administration needs the server to run with --admin-token (BOTWIRE_ADMIN_TOKEN).",
      );
    }
    await next();
  });

  app.post("/v1/admin/tokens", async (c) => {
    const body = (await jsonBody(
      c,
      options.maxTokenBodyBytes,
      options.limits.maxJsonDepth,
    )) as TokenGrant;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ProtocolError("invalid_request", "The body must be a JSON object.", {
        field: "body",
      });
    }
    if (body.readOnly !== undefined && typeof body.readOnly !== "boolean") {
      throw new ProtocolError("invalid_request", "readOnly must be true or false.", {
        field: "readOnly",
      });
    }
    const { record, secret } = await issueToken(store, body, options.now());
    return c.json({ ...describeToken(record), token: secret }, 201);
  });

  app.get("/v1/admin/tokens", async (c) =>
    c.json({ items: (await store.listTokens()).map(describeToken) }),
  );

  app.delete("/v1/admin/tokens/:id", async (c) => {
    if (!(await store.revokeToken(c.req.param("id"), options.now()))) {
      throw new ProtocolError("not_found", "No such token (it may be revoked already).");
    }
    return c.body(null, 204);
  });
}
