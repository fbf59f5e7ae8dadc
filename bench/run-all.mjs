// `npm run bench`: every comparison, one after the other, each in its own process.
//   node run-all.mjs [--duration=seconds] [--smoke]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const flags = process.argv.slice(2);
const smoke = flags.includes("--smoke");
const scripts = [
  ["kv-throughput.mjs", flags],
  ["storage-engines.mjs", flags],
  ["chat-history.mjs", smoke ? ["--messages=40", ...flags] : flags],
  ["cold-start.mjs", flags],
];
console.log(
  `# BotWire benchmarks — ${new Date().toISOString()} · Node ${process.version}${smoke ? " · SMOKE RUN (numbers mean nothing)" : ""}`,
);
for (const [script, args] of scripts) {
  execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: "inherit",
  });
}
