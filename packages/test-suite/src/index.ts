export type { ContractTarget, TestApi } from "./contract-target.js";
export { randomNamespace } from "./contract-target.js";
export { listContractSuite } from "./list-contract-suite.js";
export { memoryContractSuite } from "./memory-contract-suite.js";
