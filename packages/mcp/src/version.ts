import { createRequire } from "node:module";

/**
 * This package's version, as MCP hosts see it in `serverInfo`. Read from package.json (one
 * level up from both src/ and dist/) so a release bump needs no second edit.
 */
export const VERSION: string = (
  createRequire(import.meta.url)("../package.json") as { version: string }
).version;
