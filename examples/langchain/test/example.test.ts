import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Runs examples/langchain as a user would. It imports the packages' built dist: the root
// `npm test` builds everything before running tests.
it("runs examples/langchain offline and shows the history surviving a restart", () => {
  const script = fileURLToPath(new URL("../index.mjs", import.meta.url));
  const run = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 30_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("turn 2: You told me your name is Ada.");
  expect(run.stdout).toContain("history after restart: 4 messages");
  expect(run.stdout).toContain("human: Hi, I'm Ada.");
});
