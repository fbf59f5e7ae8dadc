// The BotWire server as users run it: the Hono handler over the store `--db` would pick
// (a SQLite file, or postgres://...?schema=...), on the Node HTTP mount.
import { createHandler, openStore, serve } from "@botwire/server";

const store = await openStore(process.argv[2]);
const server = await serve(createHandler(store), { port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", async () => {
  await server.close();
  await store.close();
  process.exit(0);
});
