import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publint } from "publint";
import { describe, expect, it } from "vitest";

// What users install: every published package is packed and linted as npm would ship it. The
// root `npm test` builds first, so dist/ is present.
const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const workspaces = ["packages", "examples", "bench"].flatMap((folder) => {
  const base = join(root, folder);
  const dirs = folder === "bench" ? [base] : readdirSync(base).map((name) => join(base, name));
  return dirs.map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest,
  }));
});
const published = workspaces.filter((w) => !w.manifest.private);

describe.each(published)("$manifest.name", ({ dir }) => {
  it("packs its build, types, README and LICENSE, and no tests", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: dir,
    });
    const files = (JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map(
      (f) => f.path,
    );
    for (const needed of ["package.json", "README.md", "LICENSE", "dist/index.js"]) {
      expect(files).toContain(needed);
    }
    expect(files).toContain("dist/index.d.ts");
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|tsconfig|\.turbo/.test(f))).toEqual([]);
  });

  it("passes publint (strict)", async () => {
    const { messages } = await publint({ pkgDir: dir, strict: true, pack: "npm" });
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join(".")}`)).toEqual([]);
  });

  it("passes Are the Types Wrong (ESM-only profile)", async () => {
    const bin = join(root, "node_modules", ".bin", "attw");
    const result = await run(bin, ["--pack", ".", "--profile", "esm-only", "--format", "ascii"], {
      cwd: dir,
    }).catch((error: { stdout: string; code: number }) => error);
    expect("code" in result ? result.stdout : "").toBe("");
  });
});

it("every workspace depends on the current version of each @botwire package", () => {
  const versions = new Map(workspaces.map((w) => [w.manifest.name, w.manifest.version]));
  const stale = workspaces.flatMap(({ manifest }) =>
    [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies].flatMap((deps) =>
      Object.entries(deps ?? {})
        .filter(([name, range]) => versions.has(name) && range !== versions.get(name))
        .map(([name, range]) => `${manifest.name} → ${name}@${range} (is ${versions.get(name)})`),
    ),
  );
  expect(stale).toEqual([]);
});

it("every changeset parses and names only published packages", async () => {
  const parse = (await import("@changesets/parse")).default;
  const folder = join(root, ".changeset");
  const names = new Set(published.map((w) => w.manifest.name));
  const files = readdirSync(folder).filter((name) => name.endsWith(".md") && name !== "README.md");
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const { releases, summary } = parse(readFileSync(join(folder, file), "utf8"));
    expect(releases.length, file).toBeGreaterThan(0);
    expect(summary.length, file).toBeGreaterThan(0);
    for (const release of releases)
      expect(names, `${file}: ${release.name}`).toContain(release.name);
  }
});
