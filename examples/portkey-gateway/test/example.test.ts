import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Runs the example as a user would; it imports the packages' built dist (the root `npm test`
// builds first).
it("remembers the user's name across a restart, through the gateway", () => {
  const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
  const run = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("turn 1: Nice to meet you, Ada!");
  expect(run.stdout).toContain("turn 2: Your name is Ada.");
});
