import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkSchema,
  DEFAULT_LIMITS,
  type Limits,
  MAX_TTL_SECONDS,
  ProtocolError,
  parseAppendBody,
  parseBatchBody,
  parseListQuery,
  parsePutBody,
  parseRangeQuery,
  parseReplaceBody,
  protocolQueries,
  protocolSchemas,
  type SchemaName,
} from "../../src/protocol/index.js";

// Small bounds, so that random bodies cross every one of them.
const limits: Limits = {
  ...DEFAULT_LIMITS,
  maxAppendItems: 3,
  maxReplaceItems: 4,
  maxBatchOps: 3,
  maxKeyBytes: 8,
};
const schemas = protocolSchemas(limits);
const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: "protocol", components: { schemas } });
const resolve = (ref: string) => schemas[ref.split("/").pop() as SchemaName];

function ajvAccepts(name: SchemaName, value: unknown): boolean {
  const validate = ajv.getSchema(`protocol#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`no schema ${name}`);
  return validate(value) as boolean;
}

function parserAccepts(parse: (body: unknown, limits: Limits) => unknown, body: unknown): boolean {
  try {
    parse(body, limits);
    return true;
  } catch (error) {
    if (error instanceof ProtocolError) return false;
    throw error;
  }
}

// Values on both sides of every bound the schemas state (ttl, versions, maxLength).
const scalar = fc.constantFrom<unknown>(
  null,
  true,
  0,
  -1,
  0.0005,
  0.001,
  0.5,
  1,
  2,
  1.5,
  MAX_TTL_SECONDS,
  MAX_TTL_SECONDS + 1,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  "",
  "x",
  [],
  {},
  [1, 2],
  { a: 1 },
);
// ASCII keys only: byte lengths and lone surrogates are the hand-written part, not the schema's.
const key = fc.constantFrom<unknown>(
  "",
  ".",
  "..",
  "...",
  "k",
  "a/b",
  "12345678",
  "123456789",
  "a\nb",
  "\u0085",
  5,
  null,
);
/** Mostly a valid value, so that bodies often get past their other fields to this one. */
const mostly = (valid: unknown[], any: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: any });
const items = fc.oneof(scalar, fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }));
const op = fc.oneof(
  { weight: 1, arbitrary: scalar },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        op: mostly(["get", "set", "delete"], fc.constantFrom<unknown>("put", 1)),
        key: mostly(["k"], key),
        ifVersion: mostly([0, 1, Number.MAX_SAFE_INTEGER, null], scalar),
        value: scalar,
        ttl: mostly([0.001, 1, MAX_TTL_SECONDS, null], scalar),
      },
      { requiredKeys: [] },
    ),
  },
);
const body = fc.oneof(
  { weight: 1, arbitrary: scalar },
  {
    weight: 8,
    arbitrary: fc.record(
      {
        value: scalar,
        items,
        ttl: mostly([0.001, 1, MAX_TTL_SECONDS, null], scalar),
        maxLength: mostly([1, 2, Number.MAX_SAFE_INTEGER, null], scalar),
        ops: fc.oneof(scalar, fc.array(op, { maxLength: 4 })),
        extra: scalar,
      },
      { requiredKeys: [] },
    ),
  },
);

const parsers = {
  PutRequest: parsePutBody,
  AppendRequest: parseAppendBody,
  ReplaceListRequest: parseReplaceBody,
  BatchRequest: parseBatchBody,
} as const;

describe("the validators and the schema table agree", () => {
  for (const [name, parse] of Object.entries(parsers)) {
    it(`${parse.name} accepts exactly what ajv accepts against ${name}`, () => {
      fc.assert(
        fc.property(body, (candidate) => {
          expect(parserAccepts(parse, candidate)).toBe(ajvAccepts(name as SchemaName, candidate));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it("the query parsers accept exactly the integers their query schemas accept", () => {
    const queries = protocolQueries({ ...limits, maxPageSize: 50, maxRangeItems: 70 });
    const cases = [
      ["limit", queries.listKeys.limit, parseListQuery],
      ["last", queries.range.last, parseRangeQuery],
      ["after", queries.range.after, parseRangeQuery],
      ["limit", queries.range.limit, parseRangeQuery],
    ] as const;
    const number = fc.oneof(
      fc.integer({ min: -2, max: 100 }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1),
    );
    fc.assert(
      fc.property(fc.constantFrom(...cases), number, ([name, schema, parse], n) => {
        const query = new URLSearchParams({ [name]: String(n) });
        const parsed = parserAccepts(
          () => parse(query, { ...limits, maxPageSize: 50, maxRangeItems: 70 }),
          undefined,
        );
        expect(parsed).toBe(ajv.validate(schema, n));
      }),
      { numRuns: 1000 },
    );
  });

  it("checkSchema agrees with ajv on every schema of the table", () => {
    const names = Object.keys(schemas) as SchemaName[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.oneof(body, op, key), (name, candidate) => {
        const failure = checkSchema(schemas[name], candidate, resolve);
        expect(failure === undefined).toBe(ajvAccepts(name, candidate));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("checkSchema", () => {
  it("names the first failing field and keyword, in the schema's order", () => {
    expect(checkSchema(schemas.AppendRequest, { items: [1], ttl: 0, maxLength: 0 })).toEqual({
      path: ["ttl"],
      keyword: "minimum",
    });
    expect(checkSchema(schemas.PutRequest, {})).toEqual({ path: ["value"], keyword: "required" });
    expect(checkSchema(schemas.PutRequest, [])).toEqual({ path: [], keyword: "type" });
    expect(
      checkSchema(schemas.BatchRequest, { ops: [{ op: "get", key: "k" }, { op: "x" }] }, resolve),
    ).toEqual({ path: ["ops", 1, "key"], keyword: "required" });
    expect(checkSchema(schemas.ReplaceListRequest, { items: [1, 2, 3, 4, 5] })).toEqual({
      path: ["items"],
      keyword: "maxItems",
    });
  });

  it("counts code points, as JSON Schema does", () => {
    expect(checkSchema(schemas.Key, "😀".repeat(8))).toBeUndefined();
    expect(checkSchema(schemas.Key, "😀".repeat(9))).toEqual({ path: [], keyword: "maxLength" });
  });

  it("refuses closed objects with unknown fields, and oneOf matching none", () => {
    expect(checkSchema(schemas.Status, { status: "ok", extra: 1 })).toEqual({
      path: ["extra"],
      keyword: "additionalProperties",
    });
    expect(checkSchema(schemas.BatchOp, { op: "set", key: "k" })).toEqual({
      path: [],
      keyword: "oneOf",
    });
  });
});
