import { describe, expect, it } from "vitest";
import { DumpFormatError } from "../../src/dump/dump-format-error.js";
import { importDump } from "../../src/dump/import-dump.js";
import { type DumpEngine, dumpText, T0, textStream, useDumpStores } from "./dump-stores.js";

const HEADER = '{"botwire":"dump","version":1}';
const entry = (key: string, extra: object = {}) =>
  JSON.stringify({
    type: "value",
    ns: "app",
    key,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    expiresAt: null,
    value: { key },
    ...extra,
  });
const list = (key: string, length: number) =>
  JSON.stringify({
    type: "list",
    ns: "app",
    key,
    version: 2,
    createdAt: T0,
    updatedAt: T0,
    expiresAt: null,
    length,
    nextSeq: length + 1,
  });
const item = (seq: number) => JSON.stringify({ type: "item", seq, value: `item ${seq}` });
const end = (entries: number, items: number) => JSON.stringify({ type: "end", entries, items });

// Each damaged dump, and the line its refusal must name. Valid records come first, so a
// refusal that left them written would show in the store.
const DAMAGED: [string, string[], number, RegExp][] = [
  ["not JSON", [HEADER, entry("a"), '{"type":"value",'], 3, /not valid JSON/],
  ["not an object", [HEADER, entry("a"), "[1,2]"], 3, /JSON object/],
  ["no header", [entry("a"), end(1, 0)], 1, /not a botwire dump/],
  ["a newer format", ['{"botwire":"dump","version":2}', end(0, 0)], 1, /version 2/],
  [
    "an unknown record type",
    [HEADER, entry("a"), '{"type":"hash"}'],
    3,
    /unknown record type "hash"/,
  ],
  [
    "a missing field",
    [HEADER, entry("a"), entry("b", { version: undefined })],
    3,
    /missing field "version"/,
  ],
  ["a bad namespace", [HEADER, entry("a"), entry("b", { ns: "no spaces" })], 3, /bad ns/],
  ["a bad key", [HEADER, entry("a"), entry("..")], 3, /bad key/],
  ["a bad number", [HEADER, entry("a"), entry("b", { expiresAt: -1 })], 3, /"expiresAt" must be/],
  ["an item before its list", [HEADER, entry("a"), item(1)], 3, /before \(or outside\) its list/],
  ["items out of order", [HEADER, entry("a"), list("l", 2), item(2), item(1)], 5, /seq 1/],
  [
    "a list missing items",
    [HEADER, entry("a"), list("l", 2), item(1), entry("m")],
    5,
    /length 2 but 1/,
  ],
  ["keys out of order", [HEADER, entry("b"), entry("a")], 3, /out of order/],
  ["a key twice", [HEADER, entry("a"), entry("a")], 3, /out of order or repeated/],
  ["a cut-short dump", [HEADER, entry("a"), entry("b")], 4, /cut short/],
  ["wrong end counts", [HEADER, entry("a"), end(2, 0)], 3, /counts 2 entries/],
  ["a record after the end", [HEADER, entry("a"), end(1, 0), entry("b")], 4, /after the end/],
];

describe.each<DumpEngine>(["sqlite", "postgres"])("damaged dumps (%s)", (engine) => {
  const open = useDumpStores();

  it.each(DAMAGED)(
    "refuses %s, naming the line, and imports nothing",
    async (_, lines, line, message) => {
      const store = await open(engine);
      const before = await dumpText(store);
      const refusal = importDump(store, textStream(`${lines.join("\n")}\n`), { now: T0 });
      await expect(refusal).rejects.toThrow(DumpFormatError);
      await expect(refusal).rejects.toMatchObject({
        line,
        message: expect.stringMatching(message),
      });
      expect(await dumpText(store)).toBe(before);
    },
  );

  it("rolls back rows already written in earlier batches when a later line is damaged", async () => {
    const store = await open(engine);
    const keys = Array.from({ length: 1500 }, (_, i) => `k${String(i).padStart(5, "0")}`);
    const lines = [HEADER, ...keys.map((key) => entry(key)), list("z", 1), item(1), item(2)];
    const refusal = importDump(store, textStream(`${lines.join("\n")}\n`), { now: T0 });
    await expect(refusal).rejects.toMatchObject({ line: 1504 });
    expect(await store.listKeys("app", { limit: 10 }, T0)).toEqual([]);
  });

  it("refuses a dump holding a key that exists (naming its line), and --replace overwrites it", async () => {
    const store = await open(engine);
    await store.put("app", "b", { value: '"mine"', expiresAt: null }, T0);
    await store.append("app", "l", { items: ['"old 1"', '"old 2"', '"old 3"'] }, T0);
    const dump = `${[HEADER, entry("a"), entry("b"), list("l", 1), item(1), end(3, 1)].join("\n")}\n`;
    await expect(importDump(store, textStream(dump), { now: T0 })).rejects.toMatchObject({
      line: 3,
      message: expect.stringContaining("pass --replace"),
    });
    expect(await store.get("app", "a", T0)).toBeUndefined();
    expect(await importDump(store, textStream(dump), { now: T0, replace: true })).toEqual({
      entries: 3,
      items: 1,
      expired: 0,
    });
    expect((await store.get("app", "b", T0))?.value).toBe('{"key":"b"}');
    expect(await store.range("app", "l", { after: 0, limit: 10 }, T0)).toMatchObject({
      items: [{ seq: 1, value: '"item 1"' }],
      length: 1,
    });
  });

  it("treats an expired key in the database as absent", async () => {
    const store = await open(engine);
    await store.put("app", "a", { value: "1", expiresAt: T0 + 10 }, T0);
    const dump = `${[HEADER, entry("a"), end(1, 0)].join("\n")}\n`;
    await importDump(store, textStream(dump), { now: T0 + 10 });
    expect((await store.get("app", "a", T0 + 10))?.value).toBe('{"key":"a"}');
  });
});
