import Keyv, { type KeyvOptions } from "keyv";
import { KeyvBotWire, type KeyvBotWireOptions } from "./keyv-botwire.js";

/**
 * A Keyv on a {@link KeyvBotWire} store, like `createKeyv` of `@keyv/redis`.
 *
 * @param options where the entries live: the client, or the server's URL, token and namespace
 * @param keyvOptions Keyv's own options (its `namespace`, default `ttl` in ms, serialization…)
 *
 * @example
 * ```ts
 * const cache = createKeyv({ url: "http://127.0.0.1:8790" }, { namespace: "weather", ttl: 600_000 });
 * await cache.set("paris", { celsius: 21 });
 * ```
 */
export function createKeyv<Value = unknown>(
  options: KeyvBotWireOptions = {},
  keyvOptions: Omit<KeyvOptions, "store"> = {},
): Keyv<Value> {
  return new Keyv<Value>({ ...keyvOptions, store: new KeyvBotWire(options) });
}
