// The seed article's setup, done right: LLM calls go through the Portkey gateway (routing,
// observability), the conversation lives in BotWire (it survives restarts and is shared by every
// process). Offline: a local stub plays the gateway, the BotWire server runs on a temp SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Memory } from "@botwire/core";
import { createHandler, SqliteStore, serve } from "@botwire/server";
import { Portkey } from "portkey-ai";
import { startGatewayStub } from "./gateway-stub.mjs";

const dir = mkdtempSync(join(tmpdir(), "botwire-portkey-"));
const store = new SqliteStore({ path: join(dir, "botwire.db") });
const botwire = await serve(createHandler(store), { port: 0 });
const gateway = await startGatewayStub(); // in production: http://127.0.0.1:8787/v1, Portkey's gateway

/** One app process: a Portkey client and a BotWire memory. */
function startApp() {
  const memory = new Memory("user-sessions", { url: botwire.url });
  const portkey = new Portkey({
    baseURL: gateway.url,
    provider: "openai",
    Authorization: "Bearer sk-offline",
  });

  return async function chatWithMemory(userId, message) {
    const key = `${userId}:history`;
    // The last 10 messages, read as a window: the cost does not grow with the history.
    const history = (await memory.range(key, { last: 10 })).map((item) => item.value);
    const response = await portkey.chat.completions.create(
      { model: "gpt-4o-mini", messages: [...history, { role: "user", content: message }] },
      { metadata: { _user: userId } },
    );
    const reply = response.choices[0]?.message?.content ?? "";
    // One atomic append per turn: concurrent turns never lose a message (the seed's
    // get-push-set of the whole history does). The history expires a week after its last turn.
    await memory.append(
      key,
      [
        { role: "user", content: message },
        { role: "assistant", content: reply },
      ],
      {
        ttl: 7 * 86_400,
      },
    );
    return reply;
  };
}

try {
  const firstProcess = startApp();
  console.log("turn 1:", await firstProcess("user-42", "Hi, my name is Ada."));

  // The process restarts: a new client, a new gateway client. The memory is still there.
  const secondProcess = startApp();
  console.log("turn 2:", await secondProcess("user-42", "What's my name?"));
  console.log(
    `the gateway saw ${gateway.seen.at(-1).messages.length} messages on turn 2 (history + question)`,
  );
  if (gateway.seen.at(-1).messages.length !== 3)
    throw new Error("the history did not reach the gateway");
} finally {
  await gateway.close();
  await botwire.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
