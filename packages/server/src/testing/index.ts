export { type Exchange, type RequestHandler, recordExchanges } from "./exchange-recorder.js";
export { openApiViolations, type SchemaValidator } from "./openapi-violations.js";
export { dropSchema, randomSchema, TEST_POSTGRES_URL } from "./postgres-test-database.js";
export {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from "./start-server-process.js";
