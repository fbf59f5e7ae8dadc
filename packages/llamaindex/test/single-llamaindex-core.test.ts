import { execFile } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { mockServerTarget } from "@botwire/test-suite/targets";
import { Memory } from "llamaindex";
import { describe, expect, it } from "vitest";
import { createBotWireMemory } from "../src/index.js";

// Engines check `instanceof Memory`: a second copy of @llamaindex/core would make them drop a
// BotWire Memory without a word and chat with an empty one.
const packageJson = fileURLToPath(new URL("../package.json", import.meta.url));
const ours = createRequire(packageJson);
const theirs = createRequire(ours.resolve("llamaindex"));
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** The package.json of the package a resolved file belongs to (llamaindex exports none). */
function packageJsonOf(file: string, name: string) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, "package.json");
    if (existsSync(path) && readJson(path).name === name) return readJson(path);
  }
  throw new Error(`no package.json of ${name} above ${file}`);
}

describe("one copy of @llamaindex/core", () => {
  it("names, as its peer, exactly the @llamaindex/core that llamaindex depends on", () => {
    const { peerDependencies, devDependencies } = readJson(packageJson);
    const llamaindex = packageJsonOf(ours.resolve("llamaindex"), "llamaindex");
    expect(peerDependencies["@llamaindex/core"]).toBe(llamaindex.dependencies["@llamaindex/core"]);
    expect(peerDependencies.llamaindex).toBe(llamaindex.version);
    expect(devDependencies).toMatchObject(peerDependencies);
  });

  it("resolves the same files from this package and from llamaindex", () => {
    for (const entry of ["@llamaindex/core/memory", "@llamaindex/core/storage/chat-store"]) {
      expect(realpathSync(ours.resolve(entry))).toBe(realpathSync(theirs.resolve(entry)));
    }
  });

  it("is installed once in the workspace (npm ls)", async () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const { stdout } = await promisify(execFile)(
      "npm",
      ["ls", "@llamaindex/core", "--all", "--json"],
      { cwd: root },
    );
    const versions = new Set<string>();
    type Tree = { version?: string; dependencies?: Record<string, Tree> };
    const walk = (node: Tree) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        if (name === "@llamaindex/core") versions.add(String(child.version));
        walk(child);
      }
    };
    walk(JSON.parse(stdout));
    expect([...versions]).toEqual([readJson(packageJson).peerDependencies["@llamaindex/core"]]);
  });

  it("gives engines a Memory they accept: an instance of the Memory llamaindex exports", async () => {
    const memory = await createBotWireMemory({
      sessionId: "s",
      memory: mockServerTarget().memory("app"),
    });
    expect(memory).toBeInstanceOf(Memory);
  });
});
