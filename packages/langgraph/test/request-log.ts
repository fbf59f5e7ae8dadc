import type { mockServerTarget } from "@botwire/test-suite/targets";

/** What the mock server was asked so far: `"<METHOD> <last path segment>"` per request. */
export function requestLog(target: ReturnType<typeof mockServerTarget>): string[] {
  return target.mock.requests.map((r) => `${r.method} ${r.path.split("/").at(-1)}`);
}
