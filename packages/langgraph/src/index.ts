export { BotWireSaver, type BotWireSaverOptions } from "./botwire-saver.js";
export { BotWireStore, type BotWireStoreOptions } from "./botwire-store.js";
