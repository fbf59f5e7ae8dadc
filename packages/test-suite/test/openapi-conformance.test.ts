import { type Exchange, openApiViolations, recordExchanges } from "@botwire/server/testing";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as vitest from "vitest";
import { listContractSuite, memoryContractSuite } from "../src/index.js";
import { referenceServerTarget } from "../src/targets.js";

// The whole contract over real HTTP, every exchange recorded, then held to the OpenAPI document
// the same server serves.
const exchanges: Exchange[] = [];
const record = recordExchanges((request) => fetch(request), exchanges);
const server = referenceServerTarget("http");
const target = {
  ...server,
  memory: (namespace: string, options?: Parameters<typeof server.memory>[1]) =>
    server.memory(namespace, {
      fetch: (input, init) => record(new Request(input, init)),
      ...options,
    }),
};

vitest.describe("contract over HTTP, recorded", () => {
  vitest.beforeAll(() => server.start());
  vitest.afterAll(async () => {
    const origin = new URL(exchanges[0]?.url ?? "http://missing").origin;
    const document = (await (await fetch(`${origin}/openapi.json`)).json()) as object;
    await server.close();
    vitest.expect(exchanges.length).toBeGreaterThan(100);
    vitest
      .expect(openApiViolations(document, exchanges, new Ajv2020({ strict: false })))
      .toEqual([]);
  });
  memoryContractSuite(vitest, target);
  listContractSuite(vitest, target);
});
