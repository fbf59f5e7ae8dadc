import type { StorageCap } from "./store.js";
import { StoreQuotaError } from "./store-errors.js";

/**
 * How many bytes a write transaction added to its namespace so far (negative when it freed
 * more than it wrote). Each write adds its new size minus the live size it replaced.
 */
export interface Growth {
  bytes: number;
}

/** The cap to check at the end of a transaction that grew its namespace, or undefined. */
export function capToCheck(cap: StorageCap | undefined, growth: Growth): number | undefined {
  return cap?.maxNamespaceBytes !== undefined && growth.bytes > 0
    ? cap.maxNamespaceBytes
    : undefined;
}

/** Throws {@link StoreQuotaError} (rolling the transaction back) when `bytes` exceed `limit`. */
export function enforceCap(limit: number, bytes: number): void {
  if (bytes > limit) throw new StoreQuotaError(limit, bytes);
}
