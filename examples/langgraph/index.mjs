// A support agent built with LangGraph whose state lives in BotWire: the thread (every
// checkpoint), the pending human approval, and long-term facts about the user. Each run is a
// new process; run it twice and the second one resumes the first one's thread.
import { BotWireSaver, BotWireStore } from "@botwire/langgraph";
import { HumanMessage } from "@langchain/core/messages";
import {
  Annotation,
  Command,
  END,
  getStore,
  interrupt,
  MessagesAnnotation,
  START,
  StateGraph,
} from "@langchain/langgraph";
import { FakeSupportModel } from "./fake-support-model.mjs";

// Both read BOTWIRE_URL (default http://127.0.0.1:8790) and BOTWIRE_TOKEN.
const checkpointer = new BotWireSaver({ namespace: "example-langgraph" });
const store = new BotWireStore({ namespace: "example-langgraph-store" });
const model = new FakeSupportModel({});

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  refund: Annotation(),
});

const graph = new StateGraph(State)
  .addNode("support", async (state) => {
    const profile = await getStore()?.get(["users", "ada"], "profile");
    if (!profile) await getStore()?.put(["users", "ada"], "profile", { prefers: "email" });
    return { messages: [await model.invoke(state.messages)] };
  })
  // Human in the loop: the run stops here and is saved until someone approves.
  .addNode("approve", () => ({ refund: interrupt("Approve the refund?") }))
  .addEdge(START, "support")
  .addEdge("support", "approve")
  .addEdge("approve", END)
  .compile({ checkpointer, store });

const config = { configurable: { thread_id: "ticket-42" } };
const before = await graph.getState(config);

if (before.next.includes("approve")) {
  console.log(`Resuming thread ticket-42, saved by an earlier process, paused at: ${before.next}`);
  const profile = await store.get(["users", "ada"], "profile");
  console.log(`Long-term memory: Ada prefers ${profile?.value.prefers}`);
  const done = await graph.invoke(new Command({ resume: "approved" }), config);
  console.log(`Refund: ${done.refund}`);
  await graph.invoke(
    { messages: [new HumanMessage("Thanks! When will I get the money?")] },
    config,
  );
} else {
  // A new thread (every later turn ends at the approval step again).
  const message = "Hi, I'm Ada. My order #1234 arrived broken.";
  await graph.invoke({ messages: [new HumanMessage(message)] }, config);
}

const after = await graph.getState(config);
console.log(`Agent: ${after.values.messages.at(-1).content}`);
if (after.next.length > 0) console.log(`Paused for a human: ${after.tasks[0].interrupts[0].value}`);
let checkpoints = 0;
for await (const _ of graph.getStateHistory(config)) checkpoints += 1;
console.log(`History: ${checkpoints} checkpoints, ${after.values.messages.length} messages`);
