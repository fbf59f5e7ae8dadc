import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";

// The documented systemd unit must load: systemd-analyze verify checks every key and that the
// command is executable. It is run on a copy whose ExecStart names this checkout's bin.
const unitPath = fileURLToPath(new URL("../docs/deploy/botwire-server.service", import.meta.url));
const bin = fileURLToPath(new URL("../packages/server/bin/botwire-server.js", import.meta.url));
const hasSystemdAnalyze = spawnSync("systemd-analyze", ["--version"]).status === 0;
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "botwire-unit-"));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function verify(unit: string): Promise<string> {
  const path = join(directory, "botwire-server.service");
  await writeFile(path, unit.replace("/usr/local/bin/botwire-server", bin));
  const result = spawnSync("systemd-analyze", ["verify", "--man=no", path], { encoding: "utf8" });
  return `${result.status === 0 ? "" : `exit ${result.status}\n`}${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.includes("botwire-server"))
    .join("\n");
}

it.runIf(hasSystemdAnalyze)(
  "docs/deploy/botwire-server.service passes systemd-analyze verify",
  async () => {
    const unit = await readFile(unitPath, "utf8");
    expect(await verify(unit)).toBe("");
    // The check can fail: a misspelt key is reported.
    expect(await verify(unit.replace("UMask=", "Umask="))).toContain("Unknown key");
  },
);

it("documents a unit whose ExecStart runs the server with the flags the CLI accepts", async () => {
  const unit = await readFile(unitPath, "utf8");
  const execStart = /^ExecStart=(.+)$/m.exec(unit)?.[1]?.split(" ") ?? [];
  expect(execStart[0]).toBe("/usr/local/bin/botwire-server");
  const flags = execStart.slice(1).filter((arg) => arg.startsWith("--"));
  const help = execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
  for (const flag of flags) expect(help).toContain(`${flag} `);
  for (const section of ["[Unit]", "[Service]", "[Install]"]) expect(unit).toContain(section);
});
