import { fetchSender } from "./fetch-sender.js";
import type { HttpSender } from "./http-sender.js";

/**
 * The sender used without a `fetch` option on runtimes other than Node (browsers, edge, Deno
 * and Bun without the "node" condition): the global `fetch`, looked up at each call so a
 * polyfill installed later is used. Node resolves `#default-sender` to
 * `default-sender-node.ts` instead (the "node" condition of package.json `imports`).
 */
export function defaultSender(): HttpSender {
  return fetchSender((input, init) => globalThis.fetch(input, init));
}
