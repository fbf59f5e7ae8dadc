export { dropSchema, randomSchema, TEST_POSTGRES_URL } from "./postgres-test-database.js";
export { recencySuite } from "./recency-suite.js";
export {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from "./start-server-process.js";
export { type OpenedStore, storeBehaviourSuite, type TestApi } from "./store-behaviour-suite.js";
