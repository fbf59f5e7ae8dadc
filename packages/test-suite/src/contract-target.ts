import type { Memory } from "@botwire/core";
import type * as Vitest from "vitest";

/** The part of the test runner's API the suites use: pass `import * as vitest from "vitest"`. */
export type TestApi = Pick<typeof Vitest, "describe" | "it" | "expect">;

/**
 * What a suite runs against: a server (mock, in-process, over HTTP, any store) seen through
 * `Memory` clients. Every test asks for clients on its own random namespace.
 */
export interface ContractTarget {
  /** A client on `namespace`. Called more than once per test for concurrent-client cases. */
  memory(namespace: string): Memory | Promise<Memory>;
  /**
   * Moves the server's clock forward by `ms`. Without it, the TTL tests wait in real time
   * (short TTLs of a few hundred milliseconds).
   */
  advanceTime?(ms: number): void | Promise<void>;
}

/** A fresh random namespace, so tests never share state. */
export function randomNamespace(prefix = "contract"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Advances the target's clock, or sleeps when it has none. */
export async function passTime(target: ContractTarget, ms: number): Promise<void> {
  if (target.advanceTime) await target.advanceTime(ms);
  else await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A client on a fresh namespace. */
export async function freshMemory(target: ContractTarget): Promise<Memory> {
  return target.memory(randomNamespace());
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
