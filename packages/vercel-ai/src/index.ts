export {
  type BotWireChatStore,
  type BotWireChatStoreOptions,
  botwireChatStore,
  type ChatPersistence,
  type PersistOptions,
  type SaveChatOptions,
  type StoredChat,
} from "./botwire-chat-store.js";
export { type BotWireMemoryOptions, botwireMemory } from "./botwire-memory.js";
export type { IncompleteReason } from "./reply-message.js";
export type { OmittedFile } from "./stored-message.js";
