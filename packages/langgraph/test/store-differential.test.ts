import { randomNamespace } from "@botwire/test-suite";
import { mockServerTarget, referenceServerTarget } from "@botwire/test-suite/targets";
import {
  InMemoryStore,
  type Item,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchOperation,
} from "@langchain/langgraph-checkpoint";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotWireStore } from "../src/index.js";

/**
 * LangGraph's `InMemoryStore`, with the differences `BotWireStore` documents applied on top:
 * search results in (namespace labels…, key) order instead of insertion order (limit and offset
 * applied after that order), and a namespace whose last item is deleted is no longer listed.
 */
class ReferenceStore extends InMemoryStore {
  override async batch<Op extends readonly Operation[]>(ops: Op): Promise<OperationResults<Op>> {
    const unpaged = ops.map((op) =>
      "namespacePrefix" in op ? { ...op, limit: Number.MAX_SAFE_INTEGER, offset: 0 } : op,
    );
    // InMemoryStore answers reads with its live item objects, which a put later in the same batch
    // then updates in place. Reads run first here and are copied: they see the state from before
    // the batch, as the batch contract says (and as BotWireStore answers).
    const isPut = (op: Operation) => "value" in op;
    const reads: unknown[] = structuredClone(await super.batch(unpaged.filter((op) => !isPut(op))));
    await super.batch(unpaged.filter(isPut));
    const results = unpaged.map((op) => (isPut(op) ? null : reads.shift()));
    // InMemoryStore keeps emptied namespaces in its (private) map: drop them.
    const { data } = this as unknown as { data: Map<string, Map<string, Item>> };
    for (const [namespace, items] of data) if (items.size === 0) data.delete(namespace);
    return ops.map((op, index) => {
      if (!("namespacePrefix" in op)) return results[index];
      const offset = op.offset ?? 0;
      return (results[index] as Item[])
        .sort((a, b) => comparePaths([...a.namespace, a.key], [...b.namespace, b.key]))
        .slice(offset, offset + (op.limit ?? 10));
    }) as OperationResults<Op>;
  }
}

function comparePaths(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x = "", y = ""] = [a[i], b[i]];
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

const label = fc.constantFrom("a", "b", "ab", "c-1");
const namespace = fc.array(label, { minLength: 1, maxLength: 3 });
const key = fc.constantFrom("k1", "k2", "k3");
const value = fc.record(
  { n: fc.integer({ min: 0, max: 5 }), s: fc.constantFrom("x", "y"), tags: fc.constant(["t"]) },
  { requiredKeys: ["n"] },
);
const filter = fc.oneof(
  fc.record({ s: fc.constantFrom("x", "y") }),
  fc.record({
    n: fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.dictionary(
        fc.constantFrom("$eq", "$ne", "$gt", "$gte", "$lt", "$lte"),
        fc.integer({ min: 0, max: 5 }),
        { minKeys: 1, maxKeys: 2 },
      ),
      fc.record({ $in: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }) }),
      fc.record({ $nin: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }) }),
    ),
  }),
);
const path = fc.array(fc.oneof(label, fc.constant("*")), { minLength: 1, maxLength: 2 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ namespace, key, value }) as fc.Arbitrary<PutOperation> },
  { weight: 1, arbitrary: fc.record({ namespace, key, value: fc.constant(null) }) },
  { weight: 2, arbitrary: fc.record({ namespace, key }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        namespacePrefix: fc.array(label, { maxLength: 2 }),
        filter,
        limit: fc.integer({ min: 1, max: 6 }),
        offset: fc.integer({ min: 0, max: 3 }),
      },
      { requiredKeys: ["namespacePrefix"] },
    ) as fc.Arbitrary<SearchOperation>,
  },
  {
    weight: 1,
    arbitrary: fc.record({
      matchConditions: fc.array(
        fc.record({ matchType: fc.constantFrom("prefix" as const, "suffix" as const), path }),
        { maxLength: 2 },
      ),
      maxDepth: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      limit: fc.integer({ min: 1, max: 10 }),
      offset: fc.integer({ min: 0, max: 2 }),
    }),
  },
);

/** Results without the clocks (each store reads its own); times are tested on their own. */
function comparable(result: unknown): unknown {
  const strip = (item: Item) => ({ namespace: item.namespace, key: item.key, value: item.value });
  if (Array.isArray(result) && result.every((r) => r && typeof r === "object" && "key" in r)) {
    return (result as Item[]).map(strip);
  }
  if (result && typeof result === "object" && "key" in result) return strip(result as Item);
  return structuredClone(result);
}

const targets = {
  "mock server": { target: mockServerTarget(), runs: 150 },
  "reference server in-process": { target: referenceServerTarget("in-process"), runs: 25 },
};

for (const [name, { target, runs }] of Object.entries(targets)) {
  describe(`BotWireStore vs InMemoryStore on the ${name}`, () => {
    beforeAll(() => target.start());
    afterAll(() => target.close());

    it("gives the same results for random batches of gets, puts, deletes, searches and listings", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(operation, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
          async (batches) => {
            const ours = new BotWireStore({ memory: target.memory(randomNamespace("store")) });
            const reference = new ReferenceStore();
            for (const ops of batches) {
              const expected = (await reference.batch(ops)) as unknown[];
              const actual = await ours.batch(ops);
              expect(actual.map(comparable)).toEqual(expected.map(comparable));
            }
          },
        ),
        { numRuns: runs },
      );
    });
  });
}
