import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Tests import workspace packages from their TypeScript sources (the "@botwire/source" export
// condition), so a change in core is seen by the server's tests without a rebuild. Only Vite's
// own resolution gets the extra condition; dependencies keep Node's.
export default defineConfig({
  resolve: { conditions: ["@botwire/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@botwire/source", ...defaultServerConditions] } },
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "examples/*/test/**/*.test.ts",
      "bench/test/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
