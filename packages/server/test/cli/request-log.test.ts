import { afterEach, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../../src/testing/index.js";

const ADMIN = "request-log-admin-token-01234";
const VALUE = "a-value-that-must-never-be-logged";
let server: ServerProcess | undefined;
afterEach(() => server?.stop());

it("logs one line per request with its id, and never the token or a value", async () => {
  server = await startServerProcess({
    args: ["--admin-token", ADMIN, "--log-level", "debug", "--log-format", "json"],
  });
  const headers = {
    authorization: `Bearer ${ADMIN}`,
    "content-type": "application/json",
    "x-request-id": "cli-req-1",
  };
  const put = await fetch(`${server.url}/v1/namespaces/app/keys/k`, {
    method: "PUT",
    headers,
    body: JSON.stringify({ value: VALUE }),
  });
  expect(put.headers.get("x-request-id")).toBe("cli-req-1");
  const refused = await fetch(`${server.url}/v1/namespaces/app/keys/k`);
  const generated = refused.headers.get("x-request-id");
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);

  await expect
    .poll(() => server?.output().match(/"request served"/g)?.length ?? 0)
    .toBeGreaterThanOrEqual(2);
  const lines = (server.output().match(/^\{.*\}$/gm) ?? []).map((line) => JSON.parse(line));
  const served = lines.filter((line) => line.msg === "request served");
  expect(served.map((line) => [line.requestId, line.status])).toEqual([
    ["cli-req-1", 201],
    [generated, 401],
  ]);
  expect(server.output()).not.toContain(ADMIN);
  expect(server.output()).not.toContain(VALUE);
});
