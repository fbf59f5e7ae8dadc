import { describe, expect, it } from "vitest";
import { DUMP_HEADER, formatEnd, formatEntry } from "../../src/dump/dump-format.js";
import { importDump } from "../../src/dump/import-dump.js";
import { dumpText, T0, textStream, useDumpStores } from "./dump-stores.js";

describe("a large import into PostgreSQL", () => {
  const open = useDumpStores();

  // A lock per key ran out of PostgreSQL's lock slots (max_locks_per_transaction) at ~6 000 keys.
  it("loads 20 000 keys in its one transaction", async () => {
    const lines = [DUMP_HEADER];
    for (let i = 0; i < 20_000; i++) {
      const key = `k${String(i).padStart(6, "0")}`;
      lines.push(
        formatEntry({
          ns: "big",
          key,
          kind: "value",
          value: String(i),
          bytes: 0,
          version: i + 1,
          created_at: T0,
          updated_at: T0,
          expires_at: null,
          length: 0,
          next_seq: 1,
        }),
      );
    }
    lines.push(formatEnd(20_000, 0));
    const store = await open("postgres");
    expect(await importDump(store, textStream(lines.join("")), { now: T0 })).toMatchObject({
      entries: 20_000,
    });
    expect(await dumpText(store)).toBe(lines.join(""));
  }, 60_000);
});
