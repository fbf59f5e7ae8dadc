import type { AsyncRowOps, RowOps } from "./row-ops.js";

/** One row operation a program asks its engine to run. */
export type Step = {
  [K in keyof RowOps]: { op: K; args: Parameters<RowOps[K]> };
}[keyof RowOps];

/**
 * A store write as a generator: it yields the row operations it needs and receives their
 * results, so one program runs on a synchronous engine and on an asynchronous one alike.
 */
export type Program<T> = Generator<Step, T, unknown>;

/** Asks the engine for one row operation and returns its result. */
export function* call<K extends keyof RowOps>(
  op: K,
  ...args: Parameters<RowOps[K]>
): Generator<Step, ReturnType<RowOps[K]>, unknown> {
  return (yield { op, args } as Step) as ReturnType<RowOps[K]>;
}

/** Runs `program` to its end on synchronous `ops` (inside the caller's transaction). */
export function runSync<T>(program: Program<T>, ops: RowOps): T {
  let next = program.next();
  while (!next.done) next = program.next(apply(ops, next.value));
  return next.value;
}

/** Runs `program` to its end on asynchronous `ops`, one operation at a time. */
export async function runAsync<T>(program: Program<T>, ops: AsyncRowOps): Promise<T> {
  let next = program.next();
  while (!next.done) next = program.next(await apply(ops, next.value));
  return next.value;
}

function apply(ops: RowOps | AsyncRowOps, step: Step): unknown {
  return (ops[step.op] as (...args: unknown[]) => unknown)(...step.args);
}
