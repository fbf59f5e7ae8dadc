import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type ServerProcess, startServerProcess } from "@botwire/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every ```js block in a README is a whole program a reader may paste into a .mjs file: run each
// one as written, as its own process, against a real server at BOTWIRE_URL. Fragments that
// continue another snippet are written as ```ts and say so in the text around them.
const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

const readmes = [join(root, "README.md")];
for (const folder of ["packages", "examples"]) {
  for (const name of await readdir(join(root, folder))) {
    readmes.push(join(root, folder, name, "README.md"));
  }
}
const snippets = [];
for (const path of readmes) {
  const text = await readFile(path, "utf8").catch(() => "");
  for (const [index, match] of [...text.matchAll(/^```js\n([\s\S]*?)^```$/gm)].entries()) {
    snippets.push({ name: `${relative(root, path)} #${index + 1}`, code: match[1] as string });
  }
}

describe("README snippets run as pasted", () => {
  let server: ServerProcess;
  let directory: string;
  beforeAll(async () => {
    server = await startServerProcess();
    // Inside the repository, so `@botwire/*` resolve the way they do for a user's project.
    directory = await mkdtemp(join(root, "node_modules", ".readme-snippets-"));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it("finds the snippets", () => {
    expect(snippets.length).toBeGreaterThanOrEqual(3);
  });

  it.each(snippets)("$name", async ({ name, code }) => {
    const file = join(directory, `${name.replace(/[^a-z0-9]+/gi, "-")}.mjs`);
    await writeFile(file, code);
    const result = await run(process.execPath, [file], {
      cwd: directory,
      env: { ...process.env, BOTWIRE_URL: server.url },
      timeout: 30_000,
    }).catch((error: { stderr: string; code: number }) => error);
    expect("code" in result ? `exit ${result.code}: ${result.stderr}` : "").toBe("");
  });
});
