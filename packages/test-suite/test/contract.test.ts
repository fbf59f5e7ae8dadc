import * as vitest from "vitest";
import { chatHistoryContractSuite, listContractSuite, memoryContractSuite } from "../src/index.js";
import { mockServerTarget, type RunningTarget, referenceServerTarget } from "../src/targets.js";

/** `target` seen through clients that send with the global `fetch` instead of the default. */
function withGlobalFetch(target: RunningTarget): RunningTarget {
  return {
    ...target,
    memory: (namespace) => target.memory(namespace, { fetch: globalThis.fetch }),
  };
}

// One contract, every target: where the mock and the server differ, the mock is wrong. Over
// HTTP, both client transports: Node's default (keep-alive node:http) and fetch.
const targets = {
  "mock server": mockServerTarget(),
  "reference server in-process (SQLite)": referenceServerTarget("in-process"),
  "reference server over HTTP (SQLite)": referenceServerTarget("http"),
  "reference server over HTTP with fetch (SQLite)": withGlobalFetch(referenceServerTarget("http")),
  "reference server in-process (PostgreSQL)": referenceServerTarget("in-process", "postgres"),
  "reference server over HTTP (PostgreSQL)": referenceServerTarget("http", "postgres"),
};

/** A message of the framework-free chat history below (a type: JSON, as the client stores). */
type Message = { role: "user" | "assistant"; text: string };

/**
 * A chat history on the client's list calls alone, as an adapter builds one: the baseline the
 * chat-history suite holds every target to before any framework is involved.
 */
function clientHistory(target: RunningTarget, sessionId: string, maxMessages?: number) {
  const memory = target.memory("chat-contract");
  return {
    getMessages: async () => {
      const window = maxMessages === undefined ? undefined : { last: maxMessages };
      return (await memory.range<Message>(sessionId, window)).map((item) => item.value);
    },
    addMessages: async (messages: Message[]) => {
      await memory.append(sessionId, messages);
    },
    clear: async () => {
      await memory.deleteList(sessionId);
    },
  };
}

for (const [name, target] of Object.entries(targets)) {
  vitest.describe(`contract: ${name}`, () => {
    vitest.beforeAll(() => target.start());
    vitest.afterAll(() => target.close());
    memoryContractSuite(vitest, target);
    listContractSuite(vitest, target);
    chatHistoryContractSuite<Message>(vitest, {
      history: (sessionId, options) => clientHistory(target, sessionId, options?.maxMessages),
      supportsWindow: true,
      user: (text) => ({ role: "user", text }),
      assistant: (text) => ({ role: "assistant", text }),
      read: (message) => message,
    });
  });
}
