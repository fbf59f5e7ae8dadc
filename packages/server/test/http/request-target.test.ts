import { describe, expect, it } from "vitest";
import { parseRequestTarget } from "../../src/http/request-target.js";
import { allowedMethods, ROUTES, type RoutePattern } from "../../src/http/routes.js";
import { createTestServer } from "./harness.js";
import { parseMetrics, samplesOf } from "./scrape-metrics.js";

const parse = (path: string) => parseRequestTarget(`http://local${path}`, 512);

describe("parseRequestTarget", () => {
  it("names each route of the table, with its namespace and key decoded once", () => {
    for (const route of Object.keys(ROUTES)) {
      const path = route.replace(":ns", "n%73").replace(":key", "a%252Fb").replace(":id", "t1");
      const target = parse(`${path}?x=1`);
      expect(target.route, route).toBe(route);
      if (route.includes(":ns")) expect(target.namespace).toBe("ns");
      if (route.includes(":key")) expect(target.key).toBe("a%2Fb");
    }
  });

  it("matches fixed segments only as spelled, so an escaped one is no route", () => {
    for (const path of ["/v1/%6Eamespaces/ns/keys/k", "/%6Demory/ns/k", "/v1/namespaces/ns/"]) {
      expect(parse(path).route, path).toBeUndefined();
    }
    expect(parse("/memory/ns/k").compat).toBe(true);
    expect(parse("/%6Demory/ns/k").compat).toBe(false);
  });

  it("keeps an invalid name as an error to raise once the caller is known", () => {
    expect(parse("/v1/namespaces/a%2Fb/keys/k").invalid?.code).toBe("invalid_namespace");
    expect(parse("/v1/namespaces/ns/keys/%ZZ").invalid?.code).toBe("invalid_key");
    expect(parse("/v1/namespaces/ns/keys/%00").invalid?.code).toBe("invalid_key");
  });
});

it("routes every pattern of the table to the route the parser names (never a 500)", async () => {
  const server = createTestServer({ adminToken: "admin-secret-0123456789" });
  const headers = { authorization: "Bearer admin-secret-0123456789" };
  for (const route of Object.keys(ROUTES) as RoutePattern[]) {
    const path = route.replace(":ns", "ns").replace(":key", "k").replace(":id", "t1");
    for (const method of allowedMethods(route).split(", ")) {
      const result = await server.call(method, path, { headers });
      expect(result.status, `${method} ${path}`).toBeLessThan(500);
    }
    expect((await server.call("PATCH", path, { headers })).status, path).toBe(405);
  }
  await server.store.close();
});

it("counts an escaped route in metrics as unmatched, never as the route it spells", async () => {
  const server = createTestServer();
  const put = await server.call("PUT", "/v1/%6Eamespaces/ns/keys/k", { json: { value: 1 } });
  expect(put.status).toBe(404);
  const metrics = parseMetrics(await server.call("GET", "/metrics"));
  expect(samplesOf(metrics, "botwire_http_requests_total", { method: "PUT" })).toEqual([
    { labels: { method: "PUT", route: "unmatched", status: "404" }, value: "1" },
  ]);
  await server.store.close();
});

it("charges a write to the quota only for a method the route accepts", async () => {
  const server = createTestServer({ writeQuota: 1 });
  for (const method of ["PATCH", "POST"]) {
    const refused = await server.call(method, "/v1/namespaces/ns/keys/k", { json: { value: 1 } });
    expect(refused.status, method).toBe(405);
  }
  const put = await server.call("PUT", "/v1/namespaces/ns/keys/k", { json: { value: 1 } });
  expect(put.status).toBe(201);
  await server.store.close();
});
