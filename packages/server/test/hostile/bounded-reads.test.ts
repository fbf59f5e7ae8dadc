import { Memory } from "@botwire/core";
import { describe, expect, it } from "vitest";
import { ENGINES, hostileServers, send } from "./hostile-server.js";

// A ~4 KB item: 16 of them fit in a 64 KiB page.
const item = (i: number) => `${i}:${"x".repeat(4000)}`;
const LIST = "/v1/namespaces/big/lists/chat";

// A list was read whole into one string: 425 MB lists and 12 idle readers exhausted the heap,
// and past 512 MB the read was a 500 "Invalid string length".
describe.each(ENGINES)("bounded reads on %s", (engine) => {
  const start = hostileServers();

  it("pages list reads at the byte cap, and the client still reads every item and window", async () => {
    const server = await start(engine, ["--max-read-bytes", "65536"]);
    const memory = new Memory("big", { url: server.url });
    await memory.append(
      "chat",
      Array.from({ length: 40 }, (_, i) => item(i + 1)),
    );
    const page = await send(server, "GET", LIST);
    expect(page.status).toBe(200);
    expect([page.body.items.length, page.body.nextAfter, page.body.length]).toEqual([16, 16, 40]);
    const last = await send(server, "GET", `${LIST}?last=30`);
    expect(last.body.items.map((i: { seq: number }) => i.seq).slice(0, 2)).toEqual([11, 12]);
    expect(last.body.nextAfter).toBe(26);
    const values = (items: { value: unknown }[]) => items.map((i) => i.value);
    const all = Array.from({ length: 40 }, (_, i) => item(i + 1));
    expect(values(await memory.range("chat"))).toEqual(all);
    expect(values(await memory.range("chat", { last: 30 }))).toEqual(all.slice(10));
    expect(values(await memory.range("chat", { after: 3, limit: 20 }))).toEqual(all.slice(3, 23));
  });

  it("refuses what cannot page: BotWire's GET of a large list (413), a batch reading too much (400)", async () => {
    const server = await start(engine, ["--max-read-bytes", "65536"]);
    const memory = new Memory("big", { url: server.url });
    await memory.append(
      "chat",
      Array.from({ length: 40 }, (_, i) => item(i)),
    );
    const compat = await send(server, "GET", "/memory/big/chat");
    expect(compat.status).toBe(413);
    expect(compat.body.detail).toMatch(/GET \/v1\/namespaces\/\{ns\}\/lists\/\{key\}/);
    await memory.append("small", [1, 2]);
    expect((await send(server, "GET", "/memory/big/small")).body.value).toBe("[1,2]");

    for (let i = 0; i < 20; i++) await memory.set(`v${i}`, item(i));
    const ops = [
      { op: "set", key: "written", value: 1 },
      ...Array.from({ length: 20 }, (_, i) => ({ op: "get", key: `v${i}` })),
    ];
    const batch = await send(server, "POST", "/v1/namespaces/big/batch", { ops });
    expect([batch.status, batch.body.error.code, batch.body.error.index]).toEqual([
      400,
      "limit_exceeded",
      17,
    ]);
    expect(await memory.get("written")).toBeUndefined();
    const fits = await send(server, "POST", "/v1/namespaces/big/batch", { ops: ops.slice(0, 10) });
    expect(fits.status).toBe(200);
  });
});
