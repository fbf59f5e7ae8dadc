import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TEST_TRANSPORT } from "./http-bridge.js";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

// The client tests run in-process against the mock; here they run again over real loopback
// HTTP, once per transport, in a child vitest (skipped inside those children).
describe.skipIf(TEST_TRANSPORT !== "in-process")("client tests over HTTP", () => {
  for (const transport of ["node-http", "fetch"]) {
    it(`pass with the ${transport} transport`, { timeout: 180_000 }, async () => {
      const args = ["vitest", "run", "packages/core/test/client", "--reporter=dot"];
      const output = await new Promise<string>((resolve) => {
        execFile(
          "npx",
          args,
          {
            cwd: root,
            env: {
              ...process.env,
              BOTWIRE_TEST_TRANSPORT: transport,
              NO_COLOR: "1",
              FORCE_COLOR: "0",
            },
            timeout: 170_000,
          },
          (error, stdout, stderr) =>
            resolve(`${error ? `FAILED: ${error.message}\n` : ""}${stdout}${stderr}`),
        );
      });
      expect(output).not.toMatch(/FAILED|failed/);
      expect(output).toMatch(/Tests\s+\d+ passed/);
    });
  }
});
