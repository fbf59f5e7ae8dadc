import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliConfig, usage } from "../../src/cli/cli-config.js";

describe("parseCliConfig", () => {
  it("defaults to stdio on the local server's mcp namespace", () => {
    expect(parseCliConfig([], {})).toEqual({
      url: "http://127.0.0.1:8790",
      token: undefined,
      namespace: "mcp",
      http: false,
      port: 8799,
      host: "127.0.0.1",
      allowedHosts: ["127.0.0.1", "localhost", "[::1]"],
    });
  });

  it("reads environment variables, and flags win over them", () => {
    const env = {
      BOTWIRE_URL: "http://memory:8790",
      BOTWIRE_TOKEN: "env-token",
      BOTWIRE_NAMESPACE: "env-ns",
      BOTWIRE_MCP_PORT: "9000",
    };
    expect(parseCliConfig([], env)).toMatchObject({
      url: "http://memory:8790",
      token: "env-token",
      namespace: "env-ns",
      port: 9000,
    });
    const flags = ["--http", "--url", "https://m.example", "--namespace", "flag-ns", "--port", "0"];
    expect(parseCliConfig(flags, env)).toMatchObject({
      http: true,
      url: "https://m.example",
      token: "env-token",
      namespace: "flag-ns",
      port: 0,
    });
  });

  it("allows the bound host and the listed names besides loopback", () => {
    const config = parseCliConfig(
      ["--host", "10.0.0.5", "--allowed-hosts", "MCP.example.com, ::1 ,"],
      {},
    );
    expect(config?.allowedHosts).toEqual([
      "127.0.0.1",
      "localhost",
      "[::1]",
      "10.0.0.5",
      "mcp.example.com",
    ]);
  });

  it("refuses a wildcard bind without allowed hosts, so rebinding protection stays on", () => {
    expect(() => parseCliConfig(["--host", "0.0.0.0"], {})).toThrow("--allowed-hosts");
    const config = parseCliConfig(["--host", "0.0.0.0", "--allowed-hosts", "mcp.example.com"], {});
    expect(config?.allowedHosts).toEqual(["127.0.0.1", "localhost", "[::1]", "mcp.example.com"]);
  });

  it.each([
    [["--url", "127.0.0.1:8790"], "--url (BOTWIRE_URL) must be an http(s) URL"],
    [["--namespace", "a b"], "--namespace (BOTWIRE_NAMESPACE) must be"],
    [["--port", "70000"], "--port (BOTWIRE_MCP_PORT) must be an integer"],
    [["--nope"], "Unknown option '--nope'"],
  ])("refuses %j with a usage error", (argv, message) => {
    expect(() => parseCliConfig(argv, {})).toThrow(CliUsageError);
    expect(() => parseCliConfig(argv, {})).toThrow(message);
  });

  it("answers --help with undefined, and the help names every flag and variable", () => {
    expect(parseCliConfig(["--help"], {})).toBeUndefined();
    for (const word of [
      "--http",
      "--allowed-hosts",
      "BOTWIRE_URL",
      "BOTWIRE_TOKEN",
      "BOTWIRE_NAMESPACE",
    ]) {
      expect(usage()).toContain(word);
    }
  });
});
