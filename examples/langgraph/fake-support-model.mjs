import { SimpleChatModel } from "@langchain/core/language_models/chat_models";

/**
 * An offline stand-in for a chat model. Its answer depends only on the conversation it is given,
 * so what it says shows what the checkpointer gave back: the thread as stored by earlier runs.
 */
export class FakeSupportModel extends SimpleChatModel {
  _llmType() {
    return "fake-support";
  }

  async _call(messages) {
    const said = messages.filter((m) => m.getType() === "human").map((m) => String(m.content));
    const order = said.join(" ").match(/#\d+/)?.[0] ?? "your order";
    if (said.length === 1) return `Sorry about ${order}! I can refund it once a human approves.`;
    return `Welcome back! This thread has ${messages.length} messages; we are still on ${order}, first reported as: "${said[0]}"`;
  }
}
