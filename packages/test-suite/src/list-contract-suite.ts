import type { ContractTarget, TestApi } from "./contract-target.js";
import { listTests } from "./list-tests.js";

/**
 * The list contract (chat histories and logs): ordered atomic appends, windows, trims,
 * replaces and concurrency. Takes the same target as {@link memoryContractSuite}.
 */
export function listContractSuite(test: TestApi, target: ContractTarget): void {
  listTests(test, target);
}
