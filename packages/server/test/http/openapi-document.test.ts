import { readFile } from "node:fs/promises";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { openApiPath } from "../../src/http/openapi-document.js";
import { allowedMethods, ROUTES, type RoutePattern } from "../../src/http/routes.js";
import { createTestServer } from "./harness.js";

const routes = Object.keys(ROUTES) as RoutePattern[];

describe("GET /openapi.json", () => {
  it("describes every route and method of the route table, on both surfaces", async () => {
    const server = createTestServer();
    const { paths } = (await server.call("GET", "/openapi.json")).body;
    const described = Object.entries(paths as Record<string, object>).map(
      ([path, item]) =>
        `${Object.keys(item)
          .filter((k) => k !== "parameters")
          .map((m) => m.toUpperCase())
          .join(", ")} ${path}`,
    );
    expect(described.sort()).toEqual(
      routes.map((route) => `${allowedMethods(route)} ${openApiPath(route)}`).sort(),
    );
    for (const path of ["/memory/{ns}/{key}", "/memory/{ns}", "/stats/memory", "/health"]) {
      expect(paths[path], path).toBeDefined();
    }
    await server.store.close();
  });

  it("is a valid document whose schemas all compile", async () => {
    const server = createTestServer();
    const document = (await server.call("GET", "/openapi.json")).body;
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document, "doc");
    for (const name of Object.keys(document.components.schemas)) {
      expect(() => ajv.getSchema(`doc#/components/schemas/${name}`), name).not.toThrow();
    }
    await server.store.close();
  });

  it("states the limits the server runs with, not the defaults", async () => {
    const server = createTestServer({
      limits: { maxKeyBytes: 40, maxBatchOps: 7, maxAppendItems: 9, maxPageSize: 50 },
    });
    const document = (await server.call("GET", "/openapi.json")).body;
    const { schemas } = document.components;
    expect(schemas.Key.maxLength).toBe(40);
    expect(schemas.BatchRequest.properties.ops.maxItems).toBe(7);
    expect(schemas.AppendRequest.properties.items.maxItems).toBe(9);
    const listKeys = document.paths["/v1/namespaces/{ns}/keys"].get.parameters;
    expect(listKeys.find((p: { name: string }) => p.name === "limit").schema.maximum).toBe(50);
    // What the document says is what the server does.
    const tooLong = await server.call("PUT", `/v1/namespaces/ns/keys/${"k".repeat(41)}`, {
      json: { value: 1 },
    });
    expect(tooLong.status).toBe(400);
    await server.store.close();
  });

  it("refuses the names . and .. as the server does", async () => {
    const server = createTestServer();
    const { Namespace } = (await server.call("GET", "/openapi.json")).body.components.schemas;
    const pattern = new RegExp(Namespace.pattern, "u");
    expect([".", "..", "a/b", "x".repeat(129)].map((n) => pattern.test(n))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(["a.b", "..a", "user:42", "x".repeat(128)].every((n) => pattern.test(n))).toBe(true);
    await server.store.close();
  });
});

describe("docs/protocol.md", () => {
  it("lists exactly the routes and methods of the route table", async () => {
    const text = await readFile(new URL("../../../../docs/protocol.md", import.meta.url), "utf8");
    const documented = new Set(
      [...text.matchAll(/`(GET|PUT|POST|DELETE) (\/[^`?\s]*)/g)].map((m) => `${m[1]} ${m[2]}`),
    );
    const table = routes.flatMap((route) =>
      allowedMethods(route)
        .split(", ")
        .map((method) => `${method} ${openApiPath(route)}`),
    );
    expect([...documented].sort()).toEqual(table.sort());
  });
});
