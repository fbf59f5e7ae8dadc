export { compareKeys } from "./compare-keys.js";
export { createMockServer, type MockServer, type MockServerOptions } from "./create-mock-server.js";
export { type MockFault, MockFaults } from "./mock-faults.js";
