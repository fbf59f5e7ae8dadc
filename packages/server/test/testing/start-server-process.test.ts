import { afterEach, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../../src/testing/index.js";

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

it("starts the built CLI as its own process and keeps data across a restart on the same file", async () => {
  server = await startServerProcess();
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const put = await fetch(`${server.url}/v1/namespaces/proc/keys/k`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value: "kept" }),
  });
  expect(put.status).toBe(201);
  const { db } = server;
  await server.child.kill("SIGKILL");
  await new Promise((resolve) => server?.child.once("exit", resolve));
  const second = await startServerProcess({ db });
  try {
    const get = await fetch(`${second.url}/v1/namespaces/proc/keys/k`);
    expect(((await get.json()) as { value: unknown }).value).toBe("kept");
  } finally {
    await second.stop();
  }
});

it("rejects with the server's stderr when the CLI cannot start", async () => {
  await expect(startServerProcess({ args: ["--port", "not-a-port"] })).rejects.toThrow(
    /exited|port/i,
  );
});
