import { randomNamespace } from "@botwire/test-suite";
import { referenceServerTarget } from "@botwire/test-suite/targets";
import keyvTestSuite, { keyvIteratorTests } from "@keyv/test-suite";
import Keyv from "keyv";
import * as vitest from "vitest";
import { onEveryTarget, targets } from "./targets.js";

/**
 * Upstream tests that assert keyv 5 behaviour (the suite's peer is keyv ^5.5.4), skipped by
 * exact name. Every other upstream test runs unchanged.
 */
const KEYV5_ONLY: Record<string, string> = {
  // keyv 6's delete([keys]) resolves one boolean per key ([false, false, false] is truthy);
  // keyv 5 resolved a single boolean. Our deleteMany tests check the v6 array.
  ".deleteMany([keys]) with nonexistent keys resolves to false": "v6 returns boolean[]",
  // Sets `store().opts.deserialize` and Keyv's v5 `serialize`/`deserialize` options; keyv 6
  // ignores both (it takes `serialization: { stringify, parse }`) and adapters have no `opts`.
  "value can be BigInt using other serializer/deserializer": "v5 serializer options",
};

/** The runner as the suite sees it: `it` skips the tests listed in {@link KEYV5_ONLY}. */
const runner = {
  ...vitest,
  it: (name: string, fn: vitest.TestFunction) =>
    name in KEYV5_ONLY ? vitest.it.skip(name, fn) : vitest.it(name, fn),
} as unknown as typeof vitest;

// The suite uses fixed keys ("foo", ...) and leaves some promises unawaited (".delete(key)
// returns a Promise"), whose requests can reach a real server during the next test. So each
// test gets a fresh BotWire namespace, shared by every store it makes (the namespace tests
// need two Keyv namespaces side by side in one), and stray requests land in the old one.
onEveryTarget(
  "@keyv/test-suite",
  (store) => {
    let namespace = randomNamespace("keyv-upstream");
    // Registered before the suite's own hooks, so it runs first.
    vitest.beforeEach(() => {
      namespace = randomNamespace("keyv-upstream");
    });
    const shared = () => store({ namespace });
    keyvTestSuite(runner, Keyv, shared);
    keyvIteratorTests(runner, Keyv, shared);
  },
  {
    ...targets(),
    "reference server over HTTP (PostgreSQL)": referenceServerTarget("http", "postgres"),
  },
);
