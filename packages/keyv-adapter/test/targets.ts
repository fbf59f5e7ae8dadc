import { randomNamespace } from "@botwire/test-suite";
import {
  mockServerTarget,
  type RunningTarget,
  referenceServerTarget,
} from "@botwire/test-suite/targets";
import * as vitest from "vitest";
import { KeyvBotWire, type KeyvBotWireOptions } from "../src/index.js";

/** The servers every adapter test runs against: the mock and the real server over HTTP. */
export function targets(): Record<string, RunningTarget> {
  return {
    "mock server": mockServerTarget(),
    "reference server over HTTP (SQLite)": referenceServerTarget("http"),
  };
}

/**
 * Declares `body` once per target, inside a describe that starts and stops it; `store` makes
 * an adapter on a fresh random BotWire namespace, or on `namespace` when given.
 */
export function onEveryTarget(
  title: string,
  body: (store: (options?: KeyvBotWireOptions) => KeyvBotWire, target: RunningTarget) => void,
  servers: Record<string, RunningTarget> = targets(),
): void {
  for (const [name, target] of Object.entries(servers)) {
    vitest.describe(`${title} on the ${name}`, () => {
      vitest.beforeAll(() => target.start());
      vitest.afterAll(() => target.close());
      body(
        (options = {}) =>
          new KeyvBotWire({
            memory: target.memory(options.namespace ?? randomNamespace("keyv")),
            ...options,
          }),
        target,
      );
    });
  }
}
