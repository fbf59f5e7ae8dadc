#!/usr/bin/env node
import { CliUsageError, parseCliConfig, usage } from "./cli-config.js";
import { runDumpCommand } from "./dump-commands.js";
import { runInitCommand } from "./init-command.js";
import { runServer } from "./run-server.js";
import { runTokenCommand } from "./token-command.js";

try {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "token") {
    process.stdout.write(await runTokenCommand(rest, process.env));
  } else if (command === "export" || command === "import") {
    await runDumpCommand(command, rest, process.env, process);
  } else if (command === "init") {
    process.stdout.write(await runInitCommand(rest, process.env));
  } else {
    const config = parseCliConfig(process.argv.slice(2), process.env);
    if (config) await runServer(config);
    else process.stdout.write(usage());
  }
} catch (error) {
  process.stderr.write(`botwire-server: ${(error as Error).message}\n`);
  process.exit(error instanceof CliUsageError ? 2 : 1);
}
