import { readFileSync } from "node:fs";
import { ProtocolError } from "@botwire/core/protocol";
import type { Hono } from "hono";
import type { ServerEnv } from "./server-env.js";

// The page's files ship in the package's `ui/` folder, two levels up from src/http and dist/http.
const UI_DIR = new URL("../../ui/", import.meta.url);
const ASSETS: Record<string, string> = {
  "inspector.js": "text/javascript; charset=utf-8",
  "inspector.css": "text/css; charset=utf-8",
  "favicon.svg": "image/svg+xml",
};
// Values shown are untrusted: nothing but the page's own files may run or load, and the page
// may not be framed (clickjacking a "Clear" button).
const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * The inspector page at `/ui` (plain HTML, CSS and JS, no build step, no CDN): it browses
 * namespaces, keys, values and lists through the HTTP API with the admin token the user types
 * in, and deletes after a confirmation. The files themselves hold no data, so they are public;
 * `needsToken` tells the page to ask for the token first (rather than discover it by a 401).
 * Off unless `enabled` (`--ui`).
 */
export function registerInspectorRoutes(
  app: Hono<ServerEnv>,
  enabled: boolean,
  needsToken: boolean,
): void {
  if (!enabled) {
    // In the route table either way: without --ui its paths are no route (404, not 405).
    const off = () => {
      throw new ProtocolError(
        "route_not_found",
        "The inspector page is off: start the server with --ui (BOTWIRE_UI=1).",
      );
    };
    app.get("/ui", off);
    app.get("/ui/:file", off);
    return;
  }
  const page = readFileSync(new URL("index.html", UI_DIR), "utf8").replace(
    "{{AUTH}}",
    needsToken ? "token" : "open",
  );
  const files = new Map(
    Object.entries(ASSETS).map(([name, type]) => [
      name,
      { type, body: readFileSync(new URL(name, UI_DIR)) },
    ]),
  );
  app.get("/ui", (c) =>
    c.body(page, 200, { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS }),
  );
  app.get("/ui/:file", (c) => {
    const file = files.get(c.req.param("file"));
    if (!file) throw new ProtocolError("route_not_found", "No such file of the inspector page.");
    return c.body(file.body, 200, { "content-type": file.type, ...SECURITY_HEADERS });
  });
}
