// The seed's LangChain section, done right: ChatOpenAI pointed at the gateway and a
// BotWireChatHistory. The seed wrote the user's message before the call and the reply after
// it (a failed call leaves a question without an answer); here both go in one atomic append.
import { BotWireChatHistory } from "@botwire/langchain";
import { HumanMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { createHeaders } from "portkey-ai";
import { HISTORY_TTL, HISTORY_WINDOW } from "./chat-with-memory.mjs";

/**
 * A LangChain chat model that calls the model through the Portkey gateway.
 * @param {{ gatewayUrl: string, modelUrl: string, apiKey: string, model: string }} options
 */
export function gatewayChatModel({ gatewayUrl, modelUrl, apiKey, model }) {
  return new ChatOpenAI({
    model,
    apiKey,
    configuration: {
      baseURL: gatewayUrl,
      defaultHeaders: createHeaders({ provider: "openai", customHost: modelUrl }),
    },
  });
}

/**
 * One turn of a LangChain conversation kept in BotWire.
 * @param {{ llm: ChatOpenAI, sessionId: string, message: string }} turn
 * @returns {Promise<{ reply: string, fromHistory: number }>}
 */
export async function langchainTurn({ llm, sessionId, message }) {
  const history = new BotWireChatHistory({
    sessionId,
    maxMessages: HISTORY_WINDOW,
    ttl: HISTORY_TTL,
  });
  const earlier = await history.getMessages();
  const question = new HumanMessage(message);
  const response = await llm.invoke([...earlier, question]);
  await history.addMessages([question, response]);
  return { reply: String(response.content), fromHistory: earlier.length };
}
