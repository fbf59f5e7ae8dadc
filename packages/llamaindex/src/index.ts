export { BotWireChatStore } from "./botwire-chat-store.js";
export {
  BotWireFactsBlock,
  type BotWireFactsBlockOptions,
  formatFacts,
} from "./botwire-facts-block.js";
export {
  BotWireMemory,
  type BotWireMemoryStorage,
  type LlamaMemoryOptions,
  type SaveErrorHandler,
} from "./botwire-memory.js";
export type { BotWireStoreOptions } from "./botwire-store-options.js";
export {
  type CreateBotWireMemoryOptions,
  createBotWireMemory,
} from "./create-botwire-memory.js";
