export { BotWireSession, type BotWireSessionOptions } from "./botwire-session.js";
