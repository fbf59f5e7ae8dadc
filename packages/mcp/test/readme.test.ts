import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServerProcess } from "@botwire/server/testing";
import { expect, it } from "vitest";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));

// The README promises its snippet runs as pasted: run it, as a user would, against the real
// server (it imports the built dist: the root `npm test` builds first).
it("runs the README's program snippet as pasted", async () => {
  const readme = readFileSync(`${packageRoot}/README.md`, "utf8");
  const snippet = /## In your own program[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet).toContain("createMemoryServer");
  const server = await startServerProcess();
  try {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", snippet as string], {
      cwd: packageRoot,
      env: { ...process.env, BOTWIRE_URL: server.url },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("found: true");
    expect(run.stdout).toContain("value: 'Ada'");
  } finally {
    await server.stop();
  }
}, 30_000);

it("gives host configurations that parse, each naming the package or the endpoint", () => {
  const readme = readFileSync(`${packageRoot}/README.md`, "utf8");
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
    JSON.parse(m[1] as string),
  );
  expect(blocks).toHaveLength(3);
  const servers = blocks.flatMap((block) => Object.values(block.mcpServers ?? block.servers));
  expect(servers).toEqual([
    expect.objectContaining({ command: "npx", args: ["-y", "@botwire/mcp"] }),
    expect.objectContaining({ type: "stdio", command: "npx", args: ["-y", "@botwire/mcp"] }),
    expect.objectContaining({ type: "http", url: "https://mcp.example.com/mcp" }),
  ]);
});
