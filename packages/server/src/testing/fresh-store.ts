import type * as Vitest from "vitest";
import type { Store } from "../store/store.js";

/** The part of the test runner's API the suites use: pass `import * as vitest from "vitest"`. */
export type TestApi = Pick<
  typeof Vitest,
  "describe" | "it" | "expect" | "beforeEach" | "afterEach"
>;

/** A freshly opened, empty store, and how to dispose of it after the test. */
export interface OpenedStore<S extends Store = Store> {
  store: S;
  dispose(): Promise<void>;
}

/** Opens a fresh store before each test (handing it to `use`) and disposes of it after. */
export function freshStorePerTest<S extends Store>(
  test: TestApi,
  open: () => Promise<OpenedStore<S>>,
  use: (store: S) => void,
): void {
  let dispose: (() => Promise<void>) | undefined;
  test.beforeEach(async () => {
    const opened = await open();
    dispose = opened.dispose;
    use(opened.store);
  });
  test.afterEach(() => dispose?.());
}
