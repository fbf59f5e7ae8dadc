import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliConfig, usage } from "../../src/cli/cli-config.js";

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

describe("parseCliConfig --ui", () => {
  it("is off by default, on with --ui or BOTWIRE_UI=1/true, and listed in --help", () => {
    expect(parseCliConfig([], {})?.ui).toBe(false);
    expect(parseCliConfig(["--ui"], {})?.ui).toBe(true);
    expect(parseCliConfig([], { BOTWIRE_UI: "1" })?.ui).toBe(true);
    expect(parseCliConfig([], { BOTWIRE_UI: "true" })?.ui).toBe(true);
    expect(parseCliConfig([], { BOTWIRE_UI: "0" })?.ui).toBe(false);
    expect(usage()).toMatch(/--ui +serve the inspector page at \/ui/);
  });
});
