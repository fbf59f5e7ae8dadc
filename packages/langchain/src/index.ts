export { BotWireChatHistory, type BotWireChatHistoryOptions } from "./botwire-chat-history.js";
