export { type Exchange, type RequestHandler, recordExchanges } from "./exchange-recorder.js";
export { freshStorePerTest, type OpenedStore, type TestApi } from "./fresh-store.js";
export { openApiViolations, type SchemaValidator } from "./openapi-violations.js";
export { dropSchema, randomSchema, TEST_POSTGRES_URL } from "./postgres-test-database.js";
export { recencySuite } from "./recency-suite.js";
export {
  type RunScriptOptions,
  runExample,
  runNodeScript,
  type ScriptResult,
} from "./run-node-script.js";
export {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from "./start-server-process.js";
export { storeBehaviourSuite } from "./store-behaviour-suite.js";
