export { dropSchema, randomSchema, TEST_POSTGRES_URL } from "./postgres-test-database.js";
export { type RunScriptOptions, runNodeScript, type ScriptResult } from "./run-node-script.js";
export {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from "./start-server-process.js";
