import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIMITS,
  isValidKeyPrefix,
  isValidTtl,
  MAX_TTL_SECONDS,
  ProtocolError,
  parseJsonBody,
  parseListQuery,
  scanJson,
} from "../../src/protocol/index.js";
import { createMockServer } from "../../src/testing/index.js";

const body = (text: string) =>
  parseJsonBody(new TextEncoder().encode(text), "application/json", 128);
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof ProtocolError ? error.code : String(error);
  }
  return "accepted";
};

describe("numbers a double cannot hold", () => {
  it("are refused before parsing, wherever they sit, and nothing else is", () => {
    for (const text of [
      '{"value":1e400}',
      '{"value":-1E+400}',
      '{"value":[1,{"a":2e308}]}',
      `{"value":${"9".repeat(400)}}`,
    ]) {
      expect(scanJson(text, 128), text).toBe("number_out_of_range");
      expect(
        codeOf(() => body(text)),
        text,
      ).toBe("invalid_json");
    }
    for (const text of [
      '{"value":1.7976931348623157e308}',
      '{"value":1e-400}',
      '{"value":"1e400"}',
      '{"1e400":-0.5e3}',
      `{"value":${"9".repeat(299)}}`,
    ]) {
      expect(scanJson(text, 128), text).toBeUndefined();
      expect(
        codeOf(() => body(text)),
        text,
      ).toBe("accepted");
    }
  });
});

describe("ranges the engines can store", () => {
  it("bounds ttl to 10^10 seconds", () => {
    expect([0.001, 1, MAX_TTL_SECONDS].every(isValidTtl)).toBe(true);
    expect([0, 1e16, MAX_TTL_SECONDS + 1, Number.NaN, Infinity, "5"].some(isValidTtl)).toBe(false);
  });

  it("refuses a listing prefix no key can start with (NUL, controls, lone surrogates, too long)", () => {
    expect(isValidKeyPrefix("\ud800")).toBe(false);
    for (const prefix of ["\u0000", "a\u0000", "\n", "x".repeat(513)]) {
      expect(isValidKeyPrefix(prefix), JSON.stringify(prefix)).toBe(false);
      const query = new URLSearchParams({ prefix });
      expect(codeOf(() => parseListQuery(query, DEFAULT_LIMITS))).toBe("invalid_request");
    }
    expect(isValidKeyPrefix(".")).toBe(true);
    expect(parseListQuery(new URLSearchParams({ prefix: "a/é" }), DEFAULT_LIMITS).prefix).toBe(
      "a/é",
    );
  });

  it("the mock answers them as the server does", async () => {
    const mock = createMockServer();
    const send = async (method: string, path: string, json?: string) =>
      (
        await mock.handle(
          new Request(`${mock.url}${path}`, {
            method,
            body: json,
            headers: json === undefined ? {} : { "content-type": "application/json" },
          }),
        )
      ).status;
    expect(await send("PUT", "/v1/namespaces/n/keys/k", '{"value":1e400}')).toBe(400);
    expect(await send("PUT", "/v1/namespaces/n/keys/k", '{"value":1,"ttl":1e16}')).toBe(400);
    expect(await send("GET", "/v1/namespaces/n/keys?prefix=%00")).toBe(400);
    expect(await send("GET", "/v1/namespaces/n/keys/k")).toBe(404);
  });
});

interface BatchReply {
  error?: { code: string; index?: number };
  results?: { found?: boolean }[];
}

describe("the mock's read cap", () => {
  it("refuses a batch whose gets pass it, writing nothing, as the server does", async () => {
    const mock = createMockServer({ limits: { maxReadBytes: 20 } });
    const post = async (ops: unknown[]) => {
      const response = await mock.handle(
        new Request(`${mock.url}/v1/namespaces/n/batch`, {
          method: "POST",
          body: JSON.stringify({ ops }),
          headers: { "content-type": "application/json" },
        }),
      );
      return { status: response.status, body: (await response.json()) as BatchReply };
    };
    await post([
      { op: "set", key: "a", value: "x".repeat(10) },
      { op: "set", key: "b", value: "y".repeat(10) },
    ]);
    const ops = [
      { op: "set", key: "c", value: 1 },
      { op: "get", key: "a" },
      { op: "get", key: "b" },
    ];
    const refused = await post(ops);
    expect([refused.status, refused.body.error?.code, refused.body.error?.index]).toEqual([
      400,
      "limit_exceeded",
      2,
    ]);
    expect((await post([{ op: "get", key: "c" }])).body.results?.[0]?.found).toBe(false);
  });
});
