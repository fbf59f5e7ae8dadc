import type { RecencyStore } from "./store.js";

/** Whether `store` implements the optional {@link RecencyStore} (both of its methods). */
export function hasRecency<S extends object>(store: S): store is S & RecencyStore {
  const candidate = store as Partial<RecencyStore>;
  return typeof candidate.listRecent === "function" && typeof candidate.stats === "function";
}
