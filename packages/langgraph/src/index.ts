export { BotWireSaver, type BotWireSaverOptions } from "./botwire-saver.js";
