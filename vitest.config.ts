import { defineConfig } from "vitest/config";

// Tests import workspace packages from their TypeScript sources (the "@botwire/source" export
// condition), so a change in core is seen by the server's tests without a rebuild.
const conditions = ["@botwire/source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
