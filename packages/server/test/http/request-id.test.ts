import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { createTestServer } from "./harness.js";

const ADMIN = "admin-secret-token-0123456789";
const SECRET_VALUE = "the-value-nobody-may-log";

/** A pino logger at debug level whose JSON lines land in `lines`. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines, raw };
}

describe("request ids", () => {
  it("echoes a safe X-Request-Id and generates one otherwise", async () => {
    const { call } = createTestServer();
    const echoed = await call("GET", "/healthz", { headers: { "x-request-id": "abc-123.x:y" } });
    expect(echoed.headers.get("x-request-id")).toBe("abc-123.x:y");

    const generated = await call("GET", "/healthz");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    for (const unsafe of ["has space", '"quoted"', "<script>", "x".repeat(129), ""]) {
      const result = await call("GET", "/healthz", { headers: { "x-request-id": unsafe } });
      expect(result.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("echoes the id on errors too", async () => {
    const { call } = createTestServer({ adminToken: ADMIN });
    const refused = await call("GET", "/v1/namespaces/a/keys/b", {
      headers: { "x-request-id": "req-401" },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-request-id")).toBe("req-401");
  });

  it("puts the id in every log line of the request, and never a token or a value", async () => {
    const { logger, lines, raw } = capturedLogger();
    const store = new SqliteStore({ path: ":memory:" });
    const { call } = createTestServer({ adminToken: ADMIN, logger }, store);
    const auth = { authorization: `Bearer ${ADMIN}` };

    const put = await call("PUT", "/v1/namespaces/app/keys/k", {
      json: { value: SECRET_VALUE },
      headers: { ...auth, "x-request-id": "req-put" },
    });
    expect(put.status).toBe(201);
    // An unexpected failure is logged as an error, with the request's id.
    store.get = async () => {
      throw new Error("disk on fire");
    };
    const failed = await call("GET", "/v1/namespaces/app/keys/k", {
      headers: { ...auth, "x-request-id": "req-fail" },
    });
    expect(failed.status).toBe(500);
    await call("GET", "/memory/app/k", { headers: { ...auth, "x-request-id": "req-compat" } });

    expect(lines.map((line) => [line.requestId, line.msg])).toEqual([
      ["req-put", "request served"],
      ["req-fail", "unexpected error while serving a request"],
      ["req-fail", "request served"],
      ["req-compat", "unexpected error while serving a request"],
      ["req-compat", "request served"],
    ]);
    expect(lines[0]).toMatchObject({ route: "/v1/namespaces/:ns/keys/:key", status: 201 });
    for (const line of raw) {
      expect(line).not.toContain(ADMIN);
      expect(line).not.toContain(SECRET_VALUE);
    }
  });
});
