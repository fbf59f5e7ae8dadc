import { isDeepStrictEqual } from "node:util";
import { createMockServer } from "@botwire/core/testing";
import { createHandler, SqliteStore } from "@botwire/server";
import fc from "fast-check";
import { describe, it } from "vitest";
import { step } from "./differential/arbitrary-steps.js";
import { DifferentialSide } from "./differential/differential-side.js";
import { DIFFERENTIAL_LIMITS, type Step } from "./differential/step-types.js";

// A fixed start, so a failing sequence replays exactly from its seed.
const EPOCH = Date.UTC(2026, 0, 1);
// BOTWIRE_DIFF_SEED replays a failure; BOTWIRE_DIFF_RUNS explores further than CI does.
const seed = process.env.BOTWIRE_DIFF_SEED
  ? Number(process.env.BOTWIRE_DIFF_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const numRuns = Number(process.env.BOTWIRE_DIFF_RUNS ?? 150);

/** Runs `steps` on a fresh mock and a fresh server with one clock; fails on the first difference. */
async function runOnBoth(steps: Step[]): Promise<void> {
  let now = EPOCH;
  const clock = () => now;
  const mock = createMockServer({ now: clock, limits: DIFFERENTIAL_LIMITS });
  const store = new SqliteStore({ path: ":memory:" });
  const sides = {
    mock: new DifferentialSide(mock.handle),
    server: new DifferentialSide(createHandler(store, { now: clock, limits: DIFFERENTIAL_LIMITS })),
  };
  try {
    for (const [index, current] of steps.entries()) {
      if (current.kind === "advance") {
        now += current.ms;
        continue;
      }
      const server = await sides.server.send(current);
      const mock = await sides.mock.send(current);
      if (!isDeepStrictEqual(mock, server)) {
        throw new Error(
          `Step ${index} (${current.method} ${current.path}) differs:\n  mock:   ${JSON.stringify(mock)}\n  server: ${JSON.stringify(server)}`,
        );
      }
    }
  } finally {
    await store.close();
  }
}

describe("the mock server against the reference server (differential, property-based)", () => {
  it("answers every generated sequence of requests exactly as the server does", async () => {
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40, size: "max" }), runOnBoth),
        { numRuns, seed, includeErrorInReport: true },
      );
    } catch (error) {
      // fast-check prints the seed too, but deep in its report: make replaying obvious.
      throw new Error(
        `The mock and the server differ. Replay with BOTWIRE_DIFF_SEED=${seed}.\n${String(error)}`,
      );
    }
  }, 60_000);
});
