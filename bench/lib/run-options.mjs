/**
 * Options shared by the bench scripts: `--duration=N` seconds per measured cell (default 5),
 * or `--smoke`, which bounds each cell by a small request count so CI can check the harness
 * works without measuring anything.
 */
export function runOptions(argv = process.argv) {
  const smoke = argv.includes("--smoke");
  const duration = Number(argv.find((a) => a.startsWith("--duration="))?.split("=")[1] ?? 5);
  return {
    smoke,
    duration,
    /** What bounds one load: a duration, or in smoke runs a request count. */
    bound: smoke ? { amount: 100 } : { duration },
    label: smoke ? "smoke run, 100 requests" : `${duration} s`,
  };
}
