// The floor: bare node:http doing the same SQLite work (same pragmas, prepared statements,
// one transaction per write) with no router, validation, versions or TTL. What BotWire adds
// on top of this is its overhead.
import { createServer } from "node:http";
import Database from "better-sqlite3";

const db = new Database(process.argv[2]);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(
  "CREATE TABLE IF NOT EXISTS kv (ns TEXT, key TEXT, value TEXT, PRIMARY KEY (ns, key)) WITHOUT ROWID",
);
const select = db.prepare("SELECT value FROM kv WHERE ns = ? AND key = ?");
const upsert = db.prepare(
  "INSERT INTO kv VALUES (?, ?, ?) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value",
);
const write = db.transaction((ns, key, value) => upsert.run(ns, key, value));

const server = createServer((req, res) => {
  const [, , , ns, , key] = (req.url ?? "").split("/");
  if (req.method === "GET") {
    const row = select.get(ns, decodeURIComponent(key));
    res.writeHead(row ? 200 : 404, { "content-type": "application/json" });
    return res.end(row ? `{"value":${row.value}}` : "{}");
  }
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    write(ns, decodeURIComponent(key), JSON.stringify(JSON.parse(body).value));
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
  });
});
server.listen(Number(process.argv[3] ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
