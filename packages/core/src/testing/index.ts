export { compareKeys } from "./compare-keys.js";
export { createMockServer, type MockServer, type MockServerOptions } from "./create-mock-server.js";
export { MockFaults } from "./mock-faults.js";
