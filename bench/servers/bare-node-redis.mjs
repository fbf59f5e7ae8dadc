// The in-memory ceiling users compare with: bare node:http over Redis (ioredis), same routes
// as the bare SQLite server, no validation. Redis keeps nothing on disk on this machine.
import { createServer } from "node:http";
import Redis from "ioredis";

const redis = new Redis({ host: "127.0.0.1", port: 6379, keyPrefix: `bench:${process.pid}:` });
const server = createServer(async (req, res) => {
  const [, , , ns, , key] = (req.url ?? "").split("/");
  const id = `${ns}:${decodeURIComponent(key)}`;
  if (req.method === "GET") {
    const value = await redis.get(id);
    res.writeHead(value === null ? 404 : 200, { "content-type": "application/json" });
    return res.end(value === null ? "{}" : `{"value":${value}}`);
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  await redis.set(id, JSON.stringify(JSON.parse(body).value));
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on("SIGTERM", async () => {
  // keyPrefix does not apply to KEYS patterns: clean up with the full prefix.
  const keys = await redis.keys(`bench:${process.pid}:*`);
  if (keys.length > 0) await new Redis({ host: "127.0.0.1", port: 6379 }).del(...keys);
  server.close(() => process.exit(0));
});
