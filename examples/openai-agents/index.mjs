// An OpenAI Agents SDK agent whose conversation outlives the process: BotWireSession keeps it in
// the BotWire server at BOTWIRE_URL (default http://127.0.0.1:8790). Offline: a stand-in model
// plays the LLM (swap in a real one by leaving out `model`). Run it twice: the first run
// introduces the user and calls a tool, the second asks what the agent remembers, and the
// stand-in can only answer from the history the session sent it.
import { Memory } from "@botwire/core";
import { BotWireSession } from "@botwire/openai-agents";
import { Agent, run, setTracingDisabled, tool, Usage } from "@openai/agents";
import { z } from "zod";

setTracingDisabled(true);
const url = process.env.BOTWIRE_URL ?? "http://127.0.0.1:8790";

const weather = tool({
  name: "weather",
  description: "Today's weather in a city.",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny, 24 °C in ${city}`,
});

/** The text of a message item, "" for other items (tool calls, results). */
function textOf(item) {
  if (item.type !== "message" && item.type !== undefined) return "";
  if (typeof item.content === "string") return item.content;
  return item.content.map((part) => part.text ?? "").join("");
}

/** A stand-in LLM: deterministic, and it knows only what is in the input it is sent. */
const model = {
  async getResponse({ input }) {
    const reply = (output) => ({ usage: new Usage(), output });
    const say = (text) =>
      reply([
        {
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text }],
        },
      ]);
    const said = input.filter((item) => item.role === "user").map(textOf);
    const name = said.join(" ").match(/I'm (\w+)\./)?.[1];
    const city = said.join(" ").match(/flying to (\w+)/)?.[1];
    const result = input.findLast((item) => item.type === "function_call_result");
    if (said.at(-1)?.startsWith("What do you remember")) {
      if (!name) return say("Nothing yet: this is the first I hear from you.");
      return say(
        `You're ${name}, flying to ${city}; the weather there was ${result?.output.text}.`,
      );
    }
    if (!result) {
      const args = JSON.stringify({ city });
      return reply([{ type: "function_call", callId: "call_1", name: "weather", arguments: args }]);
    }
    return say(`Nice to meet you, ${name}! ${city} looks ${result.output.text.split(" in ")[0]}.`);
  },
  getStreamedResponse() {
    throw new Error("this stand-in does not stream");
  },
};

const agent = new Agent({ name: "Travel assistant", model, tools: [weather] });
const session = new BotWireSession({
  sessionId: "traveller-ada",
  memory: new Memory("openai-agents-example", { url }),
  ttl: 7 * 86_400,
});

const stored = await session.getItems();
console.log(`session traveller-ada at ${url}: ${stored.length} items stored by earlier runs`);
const question =
  stored.length === 0
    ? "Hi, I'm Ada. I'm flying to Lisbon on Friday."
    : "What do you remember about me?";
console.log(`user: ${question}`);
const result = await run(agent, question, { session });
console.log(`assistant: ${result.finalOutput}`);
const kinds = (await session.getItems(4)).map((item) => item.type ?? "message");
console.log(`now ${(await session.getItems()).length} items; the newest four: ${kinds.join(", ")}`);
