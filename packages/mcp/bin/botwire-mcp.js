#!/usr/bin/env node
// Committed (not built) so that npm links the `botwire-mcp` bin at install time, before
// `dist/` exists: `npx botwire-mcp` then never falls through to the public registry.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write(
    "botwire-mcp: not built yet. Run `npm run build` at the repository root (or `npx turbo run build --filter=@botwire/mcp...`), then start it again.\n",
  );
  process.exitCode = 1;
}
