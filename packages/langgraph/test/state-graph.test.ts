import { randomNamespace } from "@botwire/test-suite";
import { referenceServerTarget } from "@botwire/test-suite/targets";
import { type AIMessage, HumanMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import {
  Annotation,
  type BaseCheckpointSaver,
  Command,
  END,
  interrupt,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
} from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotWireSaver } from "../src/index.js";

const target = referenceServerTarget("in-process");
beforeAll(() => target.start());
afterAll(() => target.close());

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  approved: Annotation<string | undefined>(),
});

/** A chat node on a fake model, then a human approval step that interrupts the run. */
function agent(checkpointer: BaseCheckpointSaver, replies = ["hello", "again", "third"]) {
  const model = new FakeListChatModel({ responses: replies });
  return new StateGraph(State)
    .addNode("chat", async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode("approve", () => ({ approved: interrupt<string, string>("ok to send?") }))
    .addEdge(START, "chat")
    .addEdge("chat", "approve")
    .addEdge("approve", END)
    .compile({ checkpointer });
}

/** A saver as a second process would make it: a new client on the same namespace. */
function saverOn(namespace: string) {
  return new BotWireSaver({ memory: target.memory(namespace) });
}

const thread = (id: string) => ({ configurable: { thread_id: id } });

describe("BotWireSaver in a StateGraph", () => {
  it("interrupts, and another saver instance resumes the thread and continues it", async () => {
    const namespace = randomNamespace("graph");
    await agent(saverOn(namespace)).invoke({ messages: [new HumanMessage("hi")] }, thread("t1"));
    const paused = await agent(saverOn(namespace)).getState(thread("t1"));
    expect(paused.next).toEqual(["approve"]);
    expect(paused.tasks[0]?.interrupts.map((i) => i.value)).toEqual(["ok to send?"]);

    const resumed = await agent(saverOn(namespace)).invoke(
      new Command({ resume: "yes" }),
      thread("t1"),
    );
    expect(resumed.approved).toBe("yes");
    expect(resumed.messages.map((m) => m.content)).toEqual(["hi", "hello"]);

    const state = await agent(saverOn(namespace)).getState(thread("t1"));
    expect(state.next).toEqual([]);
    expect(state.values.messages).toHaveLength(2);
  });

  it("has the same state history as MemorySaver", async () => {
    const run = async (checkpointer: BaseCheckpointSaver) => {
      const graph = agent(checkpointer);
      await graph.invoke({ messages: [new HumanMessage("hi")] }, thread("t"));
      await graph.invoke(new Command({ resume: "yes" }), thread("t"));
      await graph.invoke({ messages: [new HumanMessage("more")] }, thread("t"));
      const history = [];
      for await (const snapshot of graph.getStateHistory(thread("t"))) {
        history.push({
          next: snapshot.next,
          step: snapshot.metadata?.step,
          source: snapshot.metadata?.source,
          messages: (snapshot.values.messages ?? []).map((m: AIMessage) => m.content),
          approved: snapshot.values.approved,
          // Interrupt ids hash random task ids: compare what the user sees.
          tasks: snapshot.tasks.map((task) => ({
            name: task.name,
            interrupts: task.interrupts.map((i) => i.value),
          })),
        });
      }
      return history;
    };
    const expected = await run(new MemorySaver());
    expect(expected.length).toBeGreaterThan(4);
    expect(await run(saverOn(randomNamespace("graph")))).toEqual(expected);
  });

  it("keeps each branch's values when a thread is forked from an old checkpoint", async () => {
    const namespace = randomNamespace("graph");
    const graph = agent(saverOn(namespace), ["a1", "a2", "b1", "b2"]);
    await graph.invoke({ messages: [new HumanMessage("one")] }, thread("t"));
    await graph.invoke(new Command({ resume: "ok" }), thread("t"));
    const branchA = await graph.invoke({ messages: [new HumanMessage("two")] }, thread("t"));
    const tipA = (await graph.getState(thread("t"))).config;

    // Fork from the checkpoint before the second turn and run a different second turn.
    let forkPoint: typeof tipA | undefined;
    for await (const snapshot of graph.getStateHistory(thread("t"))) {
      if (snapshot.values.messages?.length === 2 && snapshot.next.length === 0) {
        forkPoint = snapshot.config;
      }
    }
    expect(forkPoint).toBeDefined();
    const branchB = await graph.invoke({ messages: [new HumanMessage("other")] }, forkPoint);
    expect(branchB.messages.map((m) => m.content)).toEqual(["one", "a1", "other", "b1"]);

    // Branch A's tip still reads its own messages, in a fresh process too.
    const reread = await agent(saverOn(namespace)).getState(tipA);
    expect(reread.values.messages.map((m: AIMessage) => m.content)).toEqual(
      branchA.messages.map((m) => m.content),
    );
  });
});
