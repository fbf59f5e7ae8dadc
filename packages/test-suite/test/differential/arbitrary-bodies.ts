import fc from "fast-check";
import { key, mostly } from "./arbitrary-names.js";
import {
  type BodySpec,
  DIFFERENTIAL_LIMITS,
  type HeaderValue,
  type VersionRef,
} from "./step-types.js";

const scalar = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 6, unit: "grapheme" }),
);
// Small JSON (a list item fits the lowered item limit), `-0` as JSON has it: `0`.
const smallJson = fc
  .oneof(
    { weight: 3, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }) },
  )
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown);
/** Mostly small values, sometimes one over the lowered value and item limits. */
const value = mostly(smallJson, fc.string({ minLength: 25, maxLength: 70 }), 15);
// An append of up to five items: rarer big ones, so that most appends succeed.
const item = mostly(smallJson, fc.string({ minLength: 25, maxLength: 40 }), 50);

const ttl = fc.oneof(
  { weight: 15, arbitrary: fc.constant(undefined) },
  { weight: 5, arbitrary: fc.constantFrom(0.001, 0.5, 1, 1.5, 2, 5) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, -1, 1e11, "1", null, true) },
);

const versionRef: fc.Arbitrary<VersionRef> = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 3 }).map((recent) => ({ recent })) },
  { weight: 1, arbitrary: fc.constant({ literal: 9_000_000_000 }) },
);
const version = (ref: VersionRef) => ({ $version: ref });

type Headers = [string, HeaderValue][];
/** `If-Match` / `If-None-Match` headers, mostly none or valid ones. */
export const precondition: fc.Arbitrary<Headers> = mostly(
  fc.oneof(
    { weight: 8, arbitrary: fc.constant<Headers>([]) },
    {
      weight: 5,
      arbitrary: fc
        .record({
          version: versionRef,
          style: fc.constantFrom<"quoted" | "bare" | "weak">("quoted", "bare", "weak"),
        })
        .map((etag): Headers => [["if-match", etag]]),
    },
    { weight: 2, arbitrary: fc.constant<Headers>([["if-match", "*"]]) },
    { weight: 2, arbitrary: fc.constant<Headers>([["if-none-match", "*"]]) },
  ),
  fc.constantFrom<Headers>(
    [["if-match", "abc"]],
    [["if-match", '"0"']],
    [["if-none-match", '"3"']],
    [
      ["if-match", "*"],
      ["if-none-match", "*"],
    ],
  ),
);

const malformedBody: fc.Arbitrary<BodySpec> = fc.constantFrom(
  { raw: '{"value":' },
  { raw: '{"value":1,"value":2}' },
  { raw: '{"value":1e400}' },
  { raw: `{"value":${"[".repeat(7)}1${"]".repeat(7)}}` },
  { raw: "" },
  { json: [] },
  { json: null },
);
/** `object` without its undefined fields (so a generated field can be left out). */
export const withoutUndefined = (object: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
const body = (fields: Record<string, fc.Arbitrary<unknown>>, invalid: BodySpec[]) =>
  mostly(
    fc.record(fields).map((b): BodySpec => ({ json: withoutUndefined(b) })),
    fc.oneof(malformedBody, fc.constantFrom(...invalid)),
  );

// A value write's body may be the value limit plus 64 KiB of envelope.
const overlong = { raw: '{"value":1}', pad: DIFFERENTIAL_LIMITS.maxValueBytes + 64 * 1024 };
export const putBody = body({ value, ttl }, [{ json: { ttl: 1 } }, overlong]);
const maxLength = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 1.5, "2") },
);
export const appendBody = body(
  { items: fc.array(item, { minLength: 1, maxLength: 5 }), ttl, maxLength },
  [{ json: { items: [] } }, { json: { items: 1 } }],
);
export const replaceBody = body({ items: fc.array(item, { maxLength: 7 }), ttl }, [
  { json: { items: {} } },
]);

const ifVersion = mostly(
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: versionRef.map(version) },
    { weight: 3, arbitrary: fc.constant(0) },
  ),
  fc.constantFrom<unknown>(-1, 1.5, "1", null),
);
const batchOp = mostly(
  fc.oneof(
    fc.record({ op: fc.constant("get"), key }),
    fc.record({ op: fc.constant("set"), key, value, ttl, ifVersion }).map(withoutUndefined),
    fc.record({ op: fc.constant("delete"), key, ifVersion }).map(withoutUndefined),
  ),
  fc.constantFrom<unknown>({ op: "incr", key: "k1" }, { op: "get" }, "get", null),
  40,
);
export const batchBody = body({ ops: fc.array(batchOp, { minLength: 1, maxLength: 6 }) }, [
  { json: { ops: [] } },
  { json: { ops: {} } },
]);
