// A stand-in for a real model (e.g. `new OpenAI()` from @llamaindex/openai), so the example runs
// offline: it answers from what the prompt carries, which is what BotWire memory puts there.
import { MockLLM } from "@llamaindex/core/llms/mock";
import { extractText } from "@llamaindex/core/utils";

/** Answers from the prompt: the long-term facts, then the earlier turns. */
export class FakeLLM extends MockLLM {
  constructor() {
    super({ timeBetweenToken: 0 });
  }

  async chat(params) {
    this.options.responseMessage = answer(params.messages.map((m) => extractText(m.content)));
    return super.chat(params);
  }
}

function answer(prompt) {
  const question = prompt.at(-1) ?? "";
  const name = prompt.join("\n").match(/- name: (\w+)/)?.[1] ?? "stranger";
  const colour = prompt.join("\n").match(/favourite colour is (\w+)/)?.[1];
  if (!question.endsWith("?")) return `Nice to meet you, ${name}! I'll remember that.`;
  return colour
    ? `Your favourite colour is ${colour}, ${name}.`
    : `I don't know yet, ${name}. Tell me!`;
}
