// The BotWire server as users run it: Hono handler over SqliteStore, Node HTTP mount.
import { createHandler, SqliteStore, serve } from "@botwire/server";

const store = new SqliteStore({ path: process.argv[2] });
const server = await serve(createHandler(store), { port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", async () => {
  await server.close();
  await store.close();
  process.exit(0);
});
