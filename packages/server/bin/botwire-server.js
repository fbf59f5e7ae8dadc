#!/usr/bin/env node
// Committed so npm links the `botwire-server` bin at install time, before `dist/` exists;
// otherwise `npx botwire-server` in a fresh clone would fall through to the public registry.
const cli = new URL("../dist/cli/main.js", import.meta.url);
try {
  await import(cli.href);
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("main.js")) {
    throw error;
  }
  process.stderr.write(
    "botwire-server is not built yet: run `npm run build` (or `npm start`) at the repository root first.\n",
  );
  process.exit(1);
}
