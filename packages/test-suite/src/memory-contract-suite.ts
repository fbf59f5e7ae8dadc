import { basicKvTests } from "./basic-kv-tests.js";
import { batchTests } from "./batch-tests.js";
import { clearTests } from "./clear-tests.js";
import type { ContractTarget, TestApi } from "./contract-target.js";
import { errorTests } from "./error-tests.js";
import { jsonValueTests } from "./json-value-tests.js";
import { pagingTests } from "./paging-tests.js";
import { ttlTests } from "./ttl-tests.js";
import { versionTests } from "./version-tests.js";

/**
 * The key-value contract every BotWire server must keep: values, JSON types, TTL, versions,
 * batches, paging, clear and error codes.
 *
 * @example
 * ```ts
 * import * as vitest from "vitest";
 * import { Memory } from "@botwire/core";
 * import { createMockServer } from "@botwire/core/testing";
 * import { memoryContractSuite } from "@botwire/test-suite";
 *
 * let now = Date.now();
 * const mock = createMockServer({ now: () => now });
 * memoryContractSuite(vitest, {
 *   memory: (ns) => new Memory(ns, { url: mock.url, fetch: mock.fetch }),
 *   advanceTime: (ms) => { now += ms; },
 * });
 * ```
 */
export function memoryContractSuite(test: TestApi, target: ContractTarget): void {
  basicKvTests(test, target);
  jsonValueTests(test, target);
  ttlTests(test, target);
  versionTests(test, target);
  batchTests(test, target);
  pagingTests(test, target);
  clearTests(test, target);
  errorTests(test, target);
}
