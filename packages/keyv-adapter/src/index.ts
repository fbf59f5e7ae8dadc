export { createKeyv } from "./create-keyv.js";
export { KeyvBotWire, type KeyvBotWireOptions } from "./keyv-botwire.js";
