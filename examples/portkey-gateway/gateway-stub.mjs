// A stand-in for the Portkey gateway and the model behind it, so the example runs offline:
// an OpenAI-compatible /v1/chat/completions that answers from the conversation it is sent.
import { createServer } from "node:http";

/** Starts the stub on an ephemeral port; resolves with its base URL and a close function. */
export async function startGatewayStub() {
  const seen = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const { model, messages } = JSON.parse(body);
    seen.push({
      provider: req.headers["x-portkey-provider"],
      metadata: req.headers["x-portkey-metadata"],
      messages,
    });
    const name = messages
      .filter((m) => m.role === "user")
      .map((m) => /my name is (\w+)/i.exec(m.content)?.[1])
      .find(Boolean);
    const last = messages.at(-1)?.content ?? "";
    const content = /what'?s my name/i.test(last)
      ? name
        ? `Your name is ${name}.`
        : "I don't know your name yet."
      : `Nice to meet you${name ? `, ${name}` : ""}!`;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${seen.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: {
          prompt_tokens: messages.length,
          completion_tokens: 8,
          total_tokens: messages.length + 8,
        },
      }),
    );
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
