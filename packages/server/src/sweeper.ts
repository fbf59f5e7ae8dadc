import type { Store } from "./store/store.js";

/** Options of {@link startSweeper}. */
export interface SweeperOptions {
  /** Time between sweeps. @default 60000 */
  intervalMs?: number;
  /** Most entries deleted per store call; a sweep repeats calls until one comes back short. @default 500 */
  batchSize?: number;
  /** The clock. @default Date.now */
  now?: () => number;
  /** Told when a sweep fails (the next one still runs). */
  onError?: (error: unknown) => void;
}

/** A running sweeper. */
export interface Sweeper {
  /** Sweeps now; resolves with how many expired entries were deleted. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Deletes expired entries in the background. Reads never return expired data anyway; the
 * sweeper only gives their space back, in bounded batches so writers are never blocked long.
 */
export function startSweeper(store: Store, options: SweeperOptions = {}): Sweeper {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? Date.now;
  let running: Promise<number> | undefined;

  const sweep = (): Promise<number> => {
    running ??= (async () => {
      let total = 0;
      try {
        for (;;) {
          const deleted = await store.sweepExpired(now(), batchSize);
          total += deleted;
          if (deleted < batchSize) return total;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 60_000);
  timer.unref();

  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
