import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeOf, createTestServer } from "./harness.js";

type Entry = { kind: "value"; value: unknown } | { kind: "list"; items: unknown[] };
type Op =
  | { op: "set"; key: string; value: unknown }
  | { op: "get"; key: string }
  | { op: "delete"; key: string }
  | { op: "append"; key: string; items: unknown[] }
  | { op: "range"; key: string; last: number }
  | { op: "list" }
  | { op: "clear" };

// Few keys, so operations collide; awkward ones, so encoding is exercised too.
const key = fc.constantFrom("a", "b", "c/d", "ü", "😀", "%2F", "x y");
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), key, value: json }),
  fc.record({ op: fc.constant("get" as const), key }),
  fc.record({ op: fc.constant("delete" as const), key }),
  fc.record({
    op: fc.constant("append" as const),
    key,
    items: fc.array(json, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constant("range" as const), key, last: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ op: "list" as const }),
  fc.constant({ op: "clear" as const }),
);
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe("the server against a model (property-based)", () => {
  it("gives the same observable results as a plain in-memory model for any sequence", async () => {
    const server = createTestServer();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const ns = `/v1/namespaces/model-${run++}`;
        const model = new Map<string, Entry>();
        for (const step of ops) {
          const path = "key" in step ? encodeURIComponent(step.key) : "";
          const entry = "key" in step ? model.get(step.key) : undefined;
          if (step.op === "set") {
            const result = await server.call("PUT", `${ns}/keys/${path}`, {
              json: { value: step.value },
            });
            if (entry?.kind === "list") expect(codeOf(result)).toBe("wrong_kind");
            else {
              expect(result.status).toBe(entry ? 200 : 201);
              model.set(step.key, { kind: "value", value: step.value });
            }
          } else if (step.op === "get") {
            const result = await server.call("GET", `${ns}/keys/${path}`);
            if (!entry) expect(result.status).toBe(404);
            else if (entry.kind === "list") expect(result.status).toBe(409);
            else expect(result.body.value).toEqual(entry.value);
          } else if (step.op === "delete") {
            const result = await server.call("DELETE", `${ns}/keys/${path}`);
            expect(result.status).toBe(entry ? 204 : 404);
            model.delete(step.key);
          } else if (step.op === "append") {
            const result = await server.call("POST", `${ns}/lists/${path}`, {
              json: { items: step.items },
            });
            if (entry?.kind === "value") expect(result.status).toBe(409);
            else {
              const items = [...(entry?.items ?? []), ...step.items];
              model.set(step.key, { kind: "list", items });
              expect(result.body.length).toBe(items.length);
            }
          } else if (step.op === "range") {
            const result = await server.call("GET", `${ns}/lists/${path}?last=${step.last}`);
            if (!entry) expect(result.status).toBe(404);
            else if (entry.kind === "value") expect(result.status).toBe(409);
            else
              expect(result.body.items.map((i: { value: unknown }) => i.value)).toEqual(
                entry.items.slice(-step.last),
              );
          } else if (step.op === "list") {
            const result = await server.call("GET", `${ns}/keys?limit=1000`);
            expect(result.body.items.map((i: { key: string }) => i.key)).toEqual(
              [...model.keys()].sort(byteOrder),
            );
          } else {
            expect((await server.call("DELETE", ns)).status).toBe(204);
            model.clear();
          }
        }
      }),
      { numRuns: 150 },
    );
    await server.store.close();
  }, 60_000);
});
