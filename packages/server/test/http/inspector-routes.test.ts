import { describe, expect, it } from "vitest";
import { createTestServer } from "./harness.js";

const ADMIN = "inspector-admin-token-0123456";

describe("the inspector page", () => {
  it("is not served without the ui option", async () => {
    const { call } = createTestServer();
    expect((await call("GET", "/ui")).status).toBe(404);
    expect((await call("GET", "/ui/inspector.js")).status).toBe(404);
  });

  it("serves the page and its files with a same-origin CSP, without a token", async () => {
    const { call } = createTestServer({ ui: true, adminToken: ADMIN });
    const page = await call("GET", "/ui");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self';/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.text).toContain('<meta name="botwire-auth" content="token" />');
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const [file, type] of [
      ["inspector.js", "text/javascript"],
      ["inspector.css", "text/css"],
      ["favicon.svg", "image/svg+xml"],
    ]) {
      const asset = await call("GET", `/ui/${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get("content-type")).toContain(type);
      expect(asset.headers.get("content-security-policy")).toMatch(/^default-src 'self';/);
    }
    expect((await call("GET", "/ui/..%2Fpackage.json")).status).toBe(404);
    expect((await call("GET", "/ui/index.html")).status).toBe(404);
    expect((await call("POST", "/ui")).status).toBe(405);
  });

  it("tells the page when the server is in open mode", async () => {
    const { call } = createTestServer({ ui: true });
    expect((await call("GET", "/ui")).text).toContain('content="open"');
  });
});
