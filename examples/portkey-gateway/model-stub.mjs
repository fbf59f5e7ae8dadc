// A local OpenAI-compatible model for offline runs: the upstream the Portkey gateway routes to
// (its `customHost`). It has no knowledge of its own: it answers only from facts stated in the
// conversation it receives ("my name is Ada"), so a reply shows what reached the model.
//
//   node model-stub.mjs [--port 0]   prints "model stub listening on http://127.0.0.1:<port>/v1"
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const FACT = /\b(?:my|the user's) (\w+) is (.+?)(?= and |[.!?,\n]|$)/gi;
const QUESTION = /\bwhat(?:'s| is) my (\w+)/i;

/** `{ name: "Ada" }` from "my name is Ada" (or "The user's name is Ada.") in user and system messages. */
export function factsIn(messages) {
  const facts = {};
  for (const { role, content } of messages) {
    if (role !== "user" && role !== "system") continue;
    for (const [, what, value] of String(content).matchAll(FACT)) {
      facts[what.toLowerCase()] = value.trim();
    }
  }
  return facts;
}

/** The reply to a conversation: a JSON object of facts when asked for JSON, else a sentence. */
export function reply(messages) {
  const facts = factsIn(messages);
  const last = String(messages.at(-1)?.content ?? "");
  if (messages.some((m) => m.role === "system" && /\bas JSON\b/.test(String(m.content)))) {
    return JSON.stringify(facts);
  }
  const asked = QUESTION.exec(last)?.[1]?.toLowerCase();
  if (asked) {
    return facts[asked] ? `Your ${asked} is ${facts[asked]}.` : `I don't know your ${asked} yet.`;
  }
  const told = [...last.matchAll(FACT)].map(([, what, value]) => `your ${what} is ${value.trim()}`);
  return told.length > 0 ? `Got it: ${told.join(", ")}.` : "Tell me something about you.";
}

async function handle(req, res, counter) {
  if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
    return;
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  const { model, messages, stream } = JSON.parse(body);
  const content = reply(messages);
  const created = Math.floor(Date.now() / 1000);
  const base = { id: `chatcmpl-${counter}`, object: "chat.completion", created, model };
  console.log(
    `saw ${messages.length} messages${stream ? " (stream)" : ""}: ${JSON.stringify(content)}`,
  );
  if (!stream) {
    res.writeHead(200, { "content-type": "application/json" });
    const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
    const message = { role: "assistant", content };
    res.end(
      JSON.stringify({ ...base, choices: [{ index: 0, message, finish_reason: "stop" }], usage }),
    );
    return;
  }
  // Word by word, so a client that keeps only the last chunk stores a truncated reply.
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (delta, finish) => {
    const choice = { index: 0, delta, finish_reason: finish };
    res.write(
      `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [choice] })}\n\n`,
    );
  };
  send({ role: "assistant", content: "" }, null);
  for (const word of content.split(/(?<= )/)) send({ content: word }, null);
  send({}, "stop");
  res.end("data: [DONE]\n\n");
}

/** Starts the stub on 127.0.0.1; resolves with its `/v1` base URL and a close function. */
export async function startModelStub({ port = 0 } = {}) {
  let counter = 0;
  const server = createServer((req, res) => {
    handle(req, res, ++counter).catch((error) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { port: { type: "string", default: "0" } } });
  const stub = await startModelStub({ port: Number(values.port) });
  console.log(`model stub listening on ${stub.url}`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => stub.close());
}
