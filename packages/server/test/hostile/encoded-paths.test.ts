import { describe, expect, it } from "vitest";
import { ENGINES, hostileServers, send } from "./hostile-server.js";

// The router once decoded `/v1/%6Eamespaces/...` while the access control matched the path as
// sent: such writes were served, but charged to no namespace (no quota, no storage cap).
describe.each(ENGINES)("percent-encoded paths on %s", (engine) => {
  const start = hostileServers();

  it("never serves a fixed path segment spelled with escapes, so no write escapes the quota", async () => {
    const server = await start(engine, ["--write-quota", "3"]);
    const paths = [
      "/v1/%6Eamespaces/ns/keys/k",
      "/v1/%6eamespaces/ns/keys/k",
      "/%76%31/namespaces/ns/keys/k",
      "/v1/namespaces/ns/%6Beys/k",
      "/v1/namespaces/ns/%6Cists/l",
      "/v1/namespaces/ns/b%61tch",
      "/%6Demory/ns/k",
      "/memor%79/ns/k",
    ];
    let accepted = 0;
    for (let i = 0; i < 20; i++) {
      const path = paths[i % paths.length] as string;
      const body = path.includes("ists")
        ? { items: [i] }
        : path.includes("tch")
          ? { ops: [{ op: "set", key: "k", value: i }] }
          : { value: String(i) };
      const method = path.includes("ists") || path.includes("tch") ? "POST" : "PUT";
      const result = await send(server, method, path, body);
      if (result.status < 300) accepted++;
      expect(result.status, path).toBe(404);
    }
    expect(accepted).toBe(0);
    // The namespace's whole quota is still there, and then it holds.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await send(server, "PUT", "/v1/namespaces/ns/keys/k", { value: i })).status);
    }
    expect(statuses).toEqual([201, 200, 200, 429, 429]);
  });

  it("charges an escaped namespace or key to the namespace it decodes to", async () => {
    const server = await start(engine, ["--write-quota", "3"]);
    const statuses: number[] = [];
    for (const path of [
      "/v1/namespaces/%6Es/keys/a",
      "/v1/namespaces/n%73/keys/%62",
      "/memory/%6E%73/c",
      "/v1/namespaces/ns/keys/d",
      "/memory/n%73/e",
    ]) {
      statuses.push((await send(server, "PUT", path, { value: "x" })).status);
    }
    expect(statuses).toEqual([201, 201, 200, 429, 429]);
    const keys = await send(server, "GET", "/v1/namespaces/ns/keys");
    expect(keys.body.items.map((item: { key: string }) => item.key)).toEqual(["a", "b", "c"]);
  });
});
