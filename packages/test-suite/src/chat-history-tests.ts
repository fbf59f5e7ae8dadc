import { randomNamespace, type TestApi } from "./contract-target.js";

/** The slice of a chat history the suite drives. */
export interface ChatHistoryLike<M> {
  getMessages(): Promise<M[]>;
  addMessages(messages: M[]): Promise<void>;
  clear(): Promise<void>;
}

/**
 * A framework's chat history on a BotWire server, with the framework's message type `M` made
 * from and read back to plain text.
 */
export interface ChatHistoryTarget<M> {
  /** A history object for the session; a fresh one stands for a new process. */
  history(
    sessionId: string,
    options?: { maxMessages?: number },
  ): ChatHistoryLike<M> | Promise<ChatHistoryLike<M>>;
  /** Whether `history` honours `maxMessages` (a window of the newest messages). */
  supportsWindow?: boolean;
  user(text: string): M;
  assistant(text: string): M;
  /** The text of a message, and its role as `"user"` or `"assistant"`. */
  read(message: M): { role: "user" | "assistant"; text: string };
}

/**
 * What every chat-history adapter must do: keep order over many turns, survive a new process,
 * clear, keep sessions apart, and lose nothing under concurrent writers.
 */
export function chatHistoryContractSuite<M>(test: TestApi, target: ChatHistoryTarget<M>): void {
  const { describe, it, expect } = test;
  const texts = (messages: M[]) => messages.map((m) => target.read(m).text);

  describe("chat history", () => {
    it("starts empty", async () => {
      const history = await target.history(randomNamespace("session"));
      expect(await history.getMessages()).toEqual([]);
    });

    it("keeps order and roles over many turns", async () => {
      const history = await target.history(randomNamespace("session"));
      for (let turn = 0; turn < 10; turn++) {
        await history.addMessages([target.user(`q${turn}`), target.assistant(`a${turn}`)]);
      }
      const messages = await history.getMessages();
      expect(texts(messages)).toEqual(
        Array.from({ length: 10 }, (_, t) => [`q${t}`, `a${t}`]).flat(),
      );
      expect(messages.map((m) => target.read(m).role).slice(0, 2)).toEqual(["user", "assistant"]);
    });

    it("lets a fresh history object (a new process) see earlier turns", async () => {
      const session = randomNamespace("session");
      await (await target.history(session)).addMessages([target.user("remember me")]);
      expect(texts(await (await target.history(session)).getMessages())).toEqual(["remember me"]);
    });

    it("clears a session and keeps other sessions apart", async () => {
      const a = await target.history(randomNamespace("session"));
      const b = await target.history(randomNamespace("session"));
      await a.addMessages([target.user("a")]);
      await b.addMessages([target.user("b")]);
      await a.clear();
      await a.clear();
      expect(await a.getMessages()).toEqual([]);
      expect(texts(await b.getMessages())).toEqual(["b"]);
    });

    it("loses no message and splits no call under 50 concurrent writers", async () => {
      const session = randomNamespace("session");
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) =>
          (await target.history(session)).addMessages([
            target.user(`${i}:q`),
            target.assistant(`${i}:a`),
          ]),
        ),
      );
      const all = texts(await (await target.history(session)).getMessages());
      expect(all).toHaveLength(100);
      for (let i = 0; i < all.length; i += 2) {
        const writer = all[i]?.split(":")[0];
        expect([all[i], all[i + 1]]).toEqual([`${writer}:q`, `${writer}:a`]);
      }
      expect(new Set(all).size).toBe(100);
    });

    if (target.supportsWindow) {
      it("reads only the newest maxMessages", async () => {
        const session = randomNamespace("session");
        const full = await target.history(session);
        await full.addMessages(["1", "2", "3", "4"].map((t) => target.user(t)));
        expect(
          texts(await (await target.history(session, { maxMessages: 2 })).getMessages()),
        ).toEqual(["3", "4"]);
      });
    }
  });
}
