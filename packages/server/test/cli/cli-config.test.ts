import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliConfig } from "../../src/cli/cli-config.js";

describe("parseCliConfig store timeouts", () => {
  it("defaults to 5 s each, and reads flags before BOTWIRE_* variables", () => {
    expect(parseCliConfig([], {})).toMatchObject({
      connectTimeoutMs: 5000,
      statementTimeoutMs: 5000,
      lockTimeoutMs: 5000,
    });
    const env = { BOTWIRE_STATEMENT_TIMEOUT: "1500", BOTWIRE_LOCK_TIMEOUT: "250" };
    expect(
      parseCliConfig(["--lock-timeout", "900", "--connect-timeout", "700"], env),
    ).toMatchObject({ connectTimeoutMs: 700, statementTimeoutMs: 1500, lockTimeoutMs: 900 });
  });

  it("refuses a timeout that is not a positive integer, naming the flag and variable", () => {
    for (const value of ["0", "-1", "1.5", "soon"]) {
      expect(() => parseCliConfig(["--statement-timeout", value], {})).toThrow(CliUsageError);
    }
    expect(() => parseCliConfig([], { BOTWIRE_LOCK_TIMEOUT: "0" })).toThrow(
      /--lock-timeout \(BOTWIRE_LOCK_TIMEOUT\)/,
    );
  });
});
