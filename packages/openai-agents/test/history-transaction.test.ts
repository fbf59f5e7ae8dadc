import { BotWireConflictError, BotWireValidationError } from "@botwire/core";
import { mockServerTarget } from "@botwire/test-suite/targets";
import { beforeEach, describe, expect, it } from "vitest";
import { BotWireSession } from "../src/index.js";
import { everyShape, user } from "./items.js";
import { memoryLosingFirstPutAnswer } from "./lose-first-answer.js";

describe("BotWireSession.applyHistoryTransaction", () => {
  let target: ReturnType<typeof mockServerTarget>;
  let session: BotWireSession;
  beforeEach(() => {
    target = mockServerTarget();
    session = new BotWireSession({ sessionId: "s", memory: target.memory("oa") });
  });
  const append = (operationId: string, ...texts: string[]) =>
    session.applyHistoryTransaction({
      operationId,
      transaction: { type: "append_items", items: texts.map(user) },
    });

  it("appends once per operation id, even when replayed", async () => {
    await session.addItems([user("a")]);
    await append("op-1", "b", "c");
    await append("op-1", "b", "c");
    await session.addItems([user("d")]);
    await append("op-1", "b", "c");
    expect(await session.getItems()).toEqual(["a", "b", "c", "d"].map(user));
  });

  it("creates the history when there is none, with items of every shape", async () => {
    await session.applyHistoryTransaction({
      operationId: "op-1",
      transaction: { type: "append_items", items: everyShape },
    });
    expect(await session.getItems()).toEqual(everyShape);
  });

  it("refuses an operation id replayed with a different transaction, writing nothing", async () => {
    await append("op-1", "a");
    await expect(append("op-1", "other")).rejects.toThrow(BotWireValidationError);
    expect(await session.getItems()).toEqual([user("a")]);
  });

  it("replaces a suffix that matches, and only once", async () => {
    await session.addItems(["a", "b", "c"].map(user));
    const replace = {
      operationId: "op-2",
      transaction: {
        type: "replace_suffix" as const,
        expectedSuffix: [user("b"), user("c")],
        replacement: [user("B")],
      },
    };
    await session.applyHistoryTransaction(replace);
    await session.applyHistoryTransaction(replace);
    expect(await session.getItems()).toEqual([user("a"), user("B")]);
  });

  it("refuses a suffix that no longer matches, writing nothing", async () => {
    await session.addItems(["a", "b"].map(user));
    for (const expectedSuffix of [[user("a")], [user("x"), user("a"), user("b")]]) {
      await expect(
        session.applyHistoryTransaction({
          operationId: "op-3",
          transaction: { type: "replace_suffix", expectedSuffix, replacement: [] },
        }),
      ).rejects.toThrow(BotWireConflictError);
    }
    expect(await session.getItems()).toEqual([user("a"), user("b")]);
    // The refused id was not recorded: it can still be applied.
    await session.applyHistoryTransaction({
      operationId: "op-3",
      transaction: { type: "replace_suffix", expectedSuffix: [user("b")], replacement: [] },
    });
    expect(await session.getItems()).toEqual([user("a")]);
  });

  it("applies once when the answer to its write is lost and the write is retried", async () => {
    await session.addItems([user("a")]);
    const memory = memoryLosingFirstPutAnswer(target);
    await new BotWireSession({ sessionId: "s", memory }).applyHistoryTransaction({
      operationId: "op-1",
      transaction: { type: "append_items", items: [user("b")] },
    });
    expect(await session.getItems()).toEqual([user("a"), user("b")]);
  });

  it("forgets applied ids when the session is cleared, like MemorySession", async () => {
    await append("op-1", "a");
    await session.clearSession();
    await append("op-1", "a");
    expect(await session.getItems()).toEqual([user("a")]);
  });

  it("keeps its bookkeeping bounded while staying correct", async () => {
    for (let i = 0; i < 70; i++) {
      await session.addItems([user(`m${i}`)]);
      await session.popItem();
    }
    await append("op-1", "a");
    const [head] = await target.memory("oa").range("s", { after: 0, limit: 1 });
    expect(JSON.stringify(head?.value).length).toBeLessThan(64 * 40 + 200);
    await append("op-1", "a");
    expect(await session.getItems()).toEqual([user("a")]);
  });

  it("checks its arguments before sending anything", async () => {
    const bad = [
      { operationId: " ", transaction: { type: "append_items", items: [] } },
      { operationId: "op", transaction: { type: "drop_everything" } },
      { operationId: "op", transaction: { type: "append_items", items: "a" } },
      { operationId: "op", transaction: { type: "replace_suffix", expectedSuffix: [] } },
      undefined,
    ];
    for (const args of bad) {
      await expect(session.applyHistoryTransaction(args as never)).rejects.toThrow(
        BotWireValidationError,
      );
    }
    expect(target.mock.requests).toEqual([]);
  });
});
