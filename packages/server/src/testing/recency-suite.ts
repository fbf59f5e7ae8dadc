import type { RecencyStore, Store } from "../store/store.js";
import { freshStorePerTest, type OpenedStore, type TestApi } from "./fresh-store.js";

const NS = "ns";
const T0 = 1_700_000_000_000;

/**
 * The behaviour of the optional {@link RecencyStore} part (the BotWire-compatible listing and
 * totals), for an engine that implements it: recency order, expiry, and `chars` counted the
 * way BotWire counts them.
 */
export function recencySuite(
  test: TestApi,
  name: string,
  open: () => Promise<OpenedStore<Store & RecencyStore>>,
): void {
  const { describe, it, expect } = test;

  describe(`${name}: recency and totals`, () => {
    let store: Store & RecencyStore;
    freshStorePerTest(test, open, (opened) => {
      store = opened;
    });
    const put = (
      ns: string,
      key: string,
      value: unknown,
      at: { now?: number; ttl?: number } = {},
    ) =>
      store.put(
        ns,
        key,
        { value: JSON.stringify(value), expiresAt: at.ttl === undefined ? null : T0 + at.ttl },
        at.now ?? T0,
      );

    it("lists live keys most recently updated first and counts totals", async () => {
      await put(NS, "old", 1);
      await put(NS, "new", 1, { now: T0 + 10 });
      await put(NS, "gone", 1, { ttl: 5 });
      await put("other", "x", "abc");
      const recent = await store.listRecent(NS, 10, T0 + 20);
      expect(recent.map((k) => k.key)).toEqual(["new", "old"]);
      expect(recent[0]?.updatedAt).toBe(T0 + 10);
      expect((await store.listRecent(NS, 1, T0 + 20)).map((k) => k.key)).toEqual(["new"]);
      expect(await store.stats(T0 + 20)).toEqual({
        totalEntries: 3,
        totalNamespaces: 2,
        totalBytes: 7,
      });
      await store.clearNamespace(NS);
      expect(await store.stats(T0 + 20)).toEqual({
        totalEntries: 1,
        totalNamespaces: 1,
        totalBytes: 5,
      });
    });

    it("counts characters as BotWire does: of the string, or of the JSON text", async () => {
      const values: Record<string, unknown> = {
        ascii: "hello",
        accents: "héllo wörld",
        emoji: "😀x",
        escapes: 'a\nb\t"quoted"\\',
        control: "a\u0000b\u001f",
        "backslash-u": "\\u0000",
        surrogate: "\ud800x",
        empty: "",
        object: { a: "é" },
        number: 12.5,
        nothing: null,
      };
      for (const [key, value] of Object.entries(values)) await put(NS, key, value);
      const listed = new Map(
        (await store.listRecent(NS, 100, T0)).map((k) => [k.key, k.chars] as const),
      );
      for (const [key, value] of Object.entries(values)) {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        expect([key, listed.get(key)]).toEqual([key, [...text].length]);
      }
    });

    it("counts a list as the UTF-8 bytes of its JSON text", async () => {
      await store.append(NS, "chat", { items: ['"hi"', "12", '{"a":1}'] }, T0);
      await store.replaceList(NS, "empty", { items: [], expiresAt: null }, T0);
      const listed = new Map(
        (await store.listRecent(NS, 10, T0)).map((k) => [k.key, k.chars] as const),
      );
      expect(listed.get("chat")).toBe('["hi",12,{"a":1}]'.length);
      expect(listed.get("empty")).toBe(2);
    });
  });
}
