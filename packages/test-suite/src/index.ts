export {
  type ChatHistoryLike,
  type ChatHistoryTarget,
  chatHistoryContractSuite,
} from "./chat-history-tests.js";
export type { ContractTarget, TestApi } from "./contract-target.js";
export { randomNamespace } from "./contract-target.js";
export { listContractSuite } from "./list-contract-suite.js";
export { memoryContractSuite } from "./memory-contract-suite.js";
