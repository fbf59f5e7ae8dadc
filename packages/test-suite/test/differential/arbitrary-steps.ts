import fc from "fast-check";
import {
  appendBody,
  batchBody,
  precondition,
  putBody,
  replaceBody,
  withoutUndefined,
} from "./arbitrary-bodies.js";
import { keySegment, mostly, namespaceSegment } from "./arbitrary-names.js";
import type { BodySpec, RequestStep, Step } from "./step-types.js";

type Query = NonNullable<RequestStep["query"]>;
const rangeQuery: fc.Arbitrary<Query> = mostly(
  fc.oneof(
    fc.constant<Query>([]),
    fc.integer({ min: 1, max: 5 }).map((n): Query => [["last", String(n)]]),
    fc.tuple(fc.nat({ max: 9 }), fc.integer({ min: 1, max: 5 })).map(
      ([after, limit]): Query => [
        ["after", String(after)],
        ["limit", String(limit)],
      ],
    ),
    fc.nat({ max: 9 }).map((after): Query => [["after", String(after)]]),
    fc.integer({ min: 1, max: 5 }).map((limit): Query => [["limit", String(limit)]]),
  ),
  fc.constantFrom<Query>(
    [["last", "6"]],
    [["last", "0"]],
    [["last", "x"]],
    [["after", "-1"]],
    [["limit", "1.5"]],
    [
      ["last", "2"],
      ["after", "1"],
    ],
  ),
  10,
);
const listingQuery: fc.Arbitrary<Query> = fc
  .tuple(
    fc.option(fc.constantFrom("k", "k/", "ü", "x", ""), { nil: undefined }),
    fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    fc.boolean(),
  )
  .map(
    ([prefix, limit, cursor]): Query => [
      ...(prefix === undefined ? [] : ([["prefix", prefix]] as Query)),
      ...(limit === undefined ? [] : ([["limit", String(limit)]] as Query)),
      ...(cursor ? ([["cursor", { cursor: true }]] as Query) : []),
    ],
  );
const listingQueryOrInvalid = mostly(
  listingQuery,
  fc.constantFrom<Query>(
    [["prefix", "\u0000"]],
    [["prefix", "p".repeat(17)]],
    [["limit", "5"]],
    [["limit", "0"]],
    [["limit", "x"]],
    [["cursor", "!!"]],
  ),
  10,
);

const contentType = mostly(
  fc.constant("application/json"),
  fc.constantFrom("application/json; charset=utf-8", "text/plain", "none"),
  30,
);

const request = (
  method: string,
  path: fc.Arbitrary<string>,
  parts: {
    body?: fc.Arbitrary<BodySpec>;
    headers?: typeof precondition;
    query?: fc.Arbitrary<unknown>;
  } = {},
): fc.Arbitrary<Step> =>
  fc
    .record({
      path,
      body: parts.body ?? fc.constant(undefined),
      headers: parts.headers ?? fc.constant(undefined),
      query: parts.query ?? fc.constant(undefined),
      contentType,
    })
    .map((r) => withoutUndefined({ kind: "request", method, ...r }) as unknown as Step);

const keyPath = (collection: "keys" | "lists") =>
  fc
    .tuple(namespaceSegment, keySegment(collection === "keys" ? "k1" : "k2"))
    .map(([ns, k]) => `/v1/namespaces/${ns}/${collection}/${k}`);
const nsPath = (suffix: string) => namespaceSegment.map((ns) => `/v1/namespaces/${ns}${suffix}`);

/** Paths no route answers as asked, and methods a route does not take. */
const oddRequest: fc.Arbitrary<Step> = fc
  .record({
    method: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
    path: fc.oneof(
      keyPath("keys"),
      keyPath("lists"),
      nsPath(""),
      nsPath("/keys"),
      nsPath("/batch"),
      nsPath("/"),
      nsPath("/other/k1"),
      keyPath("keys").map((p) => `${p}/extra`),
      fc.constantFrom(
        "/v1/%6Eamespaces/a/keys/k1",
        "/v1/namespaces",
        "/v1",
        "/",
        "/healthz",
        "/readyz",
        "/v2/namespaces/a/keys/k1",
      ),
    ),
  })
  .map((r) => ({ kind: "request", ...r }));

/** Any step of a sequence, weighted towards the protocol's common operations. */
export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("advance"),
      ms: fc.constantFrom(1, 499, 500, 1000, 1500, 5000, 0.4, 999.7),
    }) as fc.Arbitrary<Step>,
  },
  { weight: 5, arbitrary: request("GET", keyPath("keys"), { headers: precondition }) },
  {
    weight: 6,
    arbitrary: request("PUT", keyPath("keys"), { body: putBody, headers: precondition }),
  },
  { weight: 3, arbitrary: request("DELETE", keyPath("keys"), { headers: precondition }) },
  { weight: 6, arbitrary: request("POST", keyPath("lists"), { body: appendBody }) },
  { weight: 5, arbitrary: request("GET", keyPath("lists"), { query: rangeQuery }) },
  {
    weight: 3,
    arbitrary: request("PUT", keyPath("lists"), { body: replaceBody, headers: precondition }),
  },
  { weight: 2, arbitrary: request("DELETE", keyPath("lists"), { headers: precondition }) },
  { weight: 5, arbitrary: request("POST", nsPath("/batch"), { body: batchBody }) },
  { weight: 4, arbitrary: request("GET", nsPath("/keys"), { query: listingQueryOrInvalid }) },
  { weight: 1, arbitrary: request("DELETE", nsPath("")) },
  { weight: 2, arbitrary: oddRequest },
);
