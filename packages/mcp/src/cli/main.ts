import { CliUsageError, parseCliConfig, usage } from "./cli-config.js";
import { runCli } from "./run-cli.js";

// stdout belongs to the MCP protocol under stdio: every human-readable line goes to stderr.
const log = (line: string) => process.stderr.write(`botwire-mcp: ${line}\n`);

try {
  const config = parseCliConfig(process.argv.slice(2), process.env);
  if (config) await runCli(config, log);
  else process.stdout.write(usage());
} catch (error) {
  log((error as Error).message);
  process.exit(error instanceof CliUsageError ? 2 : 1);
}
