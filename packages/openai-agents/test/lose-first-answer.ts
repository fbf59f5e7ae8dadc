import type { mockServerTarget } from "@botwire/test-suite/targets";

/**
 * A client of `target` whose first PUT is applied by the server but whose answer is lost (the
 * connection drops after the commit), so the client sends it again: the case a version-guarded
 * rewrite must not apply twice.
 */
export function memoryLosingFirstPutAnswer(target: ReturnType<typeof mockServerTarget>) {
  let armed = true;
  return target.memory("oa", {
    fetch: (input, init) => {
      if (init?.method === "PUT" && armed) {
        armed = false;
        target.mock.faults.dropNext(1);
      }
      return target.mock.fetch(input, init);
    },
  });
}
