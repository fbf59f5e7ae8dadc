import { describe, expect, it } from "vitest";
import { createApiError } from "../../src/errors/create-api-error.js";
import {
  BotWireApiError,
  BotWireAuthError,
  BotWireConflictError,
  BotWireError,
  BotWireNotFoundError,
  BotWireQuotaError,
  BotWireUnavailableError,
  BotWireValidationError,
  BotWireWrongKindError,
} from "../../src/index.js";

const body = (code: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { code, message: "Server says.", ...extra } });

const CLASSES = [
  BotWireValidationError,
  BotWireAuthError,
  BotWireNotFoundError,
  BotWireConflictError,
  BotWireWrongKindError,
  BotWireQuotaError,
  BotWireUnavailableError,
];

describe("createApiError", () => {
  it.each([
    [400, "invalid_key", BotWireValidationError],
    [400, "invalid_json", BotWireValidationError],
    [400, "limit_exceeded", BotWireValidationError],
    [413, "value_too_large", BotWireValidationError],
    [413, "payload_too_large", BotWireValidationError],
    [415, "unsupported_media_type", BotWireValidationError],
    [401, "unauthorized", BotWireAuthError],
    [403, "forbidden", BotWireAuthError],
    [404, "route_not_found", BotWireNotFoundError],
    [404, "not_found", BotWireNotFoundError],
    [409, "wrong_kind", BotWireWrongKindError],
    [412, "version_mismatch", BotWireConflictError],
    [429, "quota_exceeded", BotWireQuotaError],
    [503, "store_unavailable", BotWireUnavailableError],
    [405, "method_not_allowed", BotWireApiError],
    [500, "internal_error", BotWireApiError],
  ])("maps %i %s to its class, and to that class only", (status, code, expected) => {
    const error = createApiError("GET /x", status, body(code));
    expect(expected.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(expected);
    for (const other of CLASSES) {
      if (other !== expected) expect(other.isInstance(error), other.name).toBe(false);
    }
    expect(BotWireApiError.isInstance(error)).toBe(true);
    expect(BotWireError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ statusCode: status, code, name: expected.name });
    expect(error.message).toMatch(/^GET \/x → \d{3} [a-z_]+: Server says\./);
  });

  it("keeps the body's details, and currentVersion on conflicts", () => {
    const error = createApiError(
      "PUT /x",
      412,
      body("version_mismatch", { currentVersion: 7, index: 2 }),
    );
    expect(error).toMatchObject({ currentVersion: 7, details: { currentVersion: 7, index: 2 } });
    const absent = createApiError(
      "PUT /x",
      412,
      body("version_mismatch", { currentVersion: null }),
    );
    expect(absent).toMatchObject({ currentVersion: null });
  });

  it("marks 429 with Retry-After, 502, 503 and 504 retryable, and nothing else", () => {
    expect(createApiError("GET /x", 429, body("quota_exceeded"), 30)).toMatchObject({
      isRetryable: true,
      retryAfter: 30,
    });
    expect(createApiError("GET /x", 429, body("quota_exceeded")).isRetryable).toBe(false);
    for (const status of [502, 503, 504]) {
      expect(createApiError("GET /x", status, "").isRetryable).toBe(true);
    }
    for (const status of [400, 404, 409, 412, 500]) {
      expect(createApiError("GET /x", status, "").isRetryable).toBe(false);
    }
  });

  it("still gives a typed error for a non-JSON body, with the status and the raw text", () => {
    const html = "<html><body>502 Bad Gateway</body></html>";
    const error = createApiError("GET /x", 502, html);
    expect(BotWireUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "http_502", responseBody: html, details: {} });
    expect(error.message).toContain("502 Bad Gateway");
    expect(error.message).toContain("check that it is running");
    expect(createApiError("GET /x", 404, "").code).toBe("http_404");
    expect(createApiError("GET /x", 400, '{"detail":"not v1"}').code).toBe("http_400");
  });

  it("truncates the response body to 2 KiB", () => {
    const error = createApiError("GET /x", 500, "x".repeat(5000));
    expect(error.responseBody).toBe(`${"x".repeat(2048)}…`);
  });

  it("says what to do in the message", () => {
    const hints: [number, string, Record<string, unknown>, RegExp][] = [
      [413, "value_too_large", { limit: 1024 * 1024 }, /limit is 1 MiB.*--max-value-bytes/],
      [
        413,
        "value_too_large",
        { limit: 256 * 1024, index: 3 },
        /limit is 256 KiB.*--max-item-bytes/,
      ],
      [400, "limit_exceeded", { limit: 1000 }, /--max-append-items/],
      [401, "unauthorized", {}, /BOTWIRE_TOKEN/],
      [403, "forbidden", {}, /namespace patterns/],
      [404, "route_not_found", {}, /BOTWIRE_URL/],
      [409, "wrong_kind", {}, /append\/range/],
      [412, "version_mismatch", {}, /memory\.update\(\)/],
      [503, "store_unavailable", {}, /retry later/],
      [500, "internal_error", {}, /server bug/],
    ];
    for (const [status, code, details, hint] of hints) {
      expect(createApiError("GET /x", status, body(code, details)).message, code).toMatch(hint);
    }
  });
});
