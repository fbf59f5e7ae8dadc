import { connect, type Socket } from "node:net";
import { afterEach, expect, it } from "vitest";
import { hostileServers, send } from "./hostile-server.js";

const start = hostileServers();
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

const MiB = 1024 * 1024;

// Clients that never read a large reply kept it in the server's memory until the heap ran out.
it("refuses new requests (503 server_busy) while slow readers hold too much, and cuts them off", async () => {
  const s = await start("sqlite", [
    "--max-read-bytes",
    String(64 * MiB),
    "--max-buffered-response-bytes",
    String(16 * MiB),
    "--response-stall-timeout",
    "3000",
  ]);
  // A 45 MB list: far more than the kernel's socket buffers take from a reader who reads nothing.
  const chunk = Array.from({ length: 60 }, () => "x".repeat(250_000));
  for (let i = 0; i < 3; i++) {
    expect((await send(s, "POST", "/v1/namespaces/n/lists/big", { items: chunk })).status).toBe(
      200,
    );
  }
  const { hostname, port } = new URL(s.url);
  for (let i = 0; i < 3; i++) {
    const socket = connect(Number(port), hostname);
    socket.pause(); // never reads
    socket.on("error", () => {});
    socket.write(`GET /v1/namespaces/n/lists/big HTTP/1.1\r\nhost: x\r\n\r\n`);
    sockets.push(socket);
  }
  let busy: Awaited<ReturnType<typeof send>> | undefined;
  for (const deadline = Date.now() + 10_000; !busy && Date.now() < deadline; ) {
    const health = await send(s, "GET", "/healthz");
    if (health.status !== 200) busy = health;
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect([busy?.status, busy?.body.error.code]).toEqual([503, "server_busy"]);
  expect(busy?.headers.get("retry-after")).toBe("1");
  // The stalled readers are cut off after 3 s, their replies freed, and the server serves again.
  await expect
    .poll(async () => (await send(s, "GET", "/healthz")).status, { timeout: 15_000, interval: 200 })
    .toBe(200);
  const read = await send(s, "GET", "/v1/namespaces/n/lists/big?last=2");
  expect([read.status, read.body.items.length]).toEqual([200, 2]);
  expect(s.output()).not.toMatch(/"level":50/);
});
