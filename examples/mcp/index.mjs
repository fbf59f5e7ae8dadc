// An agent that remembers its user across runs through MCP, fully offline. It starts
// `botwire-mcp` over stdio exactly as Claude Desktop or VS Code would, and a scripted "model"
// decides which memory tools to call. Run it twice: the second run knows who you are.
//
//   npm start                                     # against the server at BOTWIRE_URL
//   (default http://127.0.0.1:8790: start one with `npm start` at the repository root)

import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const url = process.env.BOTWIRE_URL ?? "http://127.0.0.1:8790";
// The package's committed bin, next to its built entry point.
const bin = fileURLToPath(new URL("../bin/botwire-mcp.js", import.meta.resolve("@botwire/mcp")));

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bin],
  env: { PATH: process.env.PATH ?? "", BOTWIRE_URL: url, BOTWIRE_NAMESPACE: "example-mcp" },
  // botwire-mcp logs to stderr (stdout is the protocol): keep it for when something fails.
  stderr: "pipe",
});
let serverLog = "";
transport.stderr?.on("data", (chunk) => {
  serverLog += chunk;
});
const client = new Client({ name: "example-agent", version: "1.0.0" });

/** Calls a memory tool, prints the call, and returns its structured result. */
async function use(name, args) {
  const result = await client.callTool({ name, arguments: args });
  const text = result.content.map((part) => part.text).join("");
  console.log(`  [tool] ${name}(${JSON.stringify(args)}) -> ${text}`);
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  return result.structuredContent;
}

/** The scripted model: what it says, given what memory told it. */
function reply(profile, session) {
  if (!profile) return "Nice to meet you, Ada! I'll remember that you like green tea.";
  return `Welcome back, ${profile.name}! This is our session ${session}. ${profile.drink}, as usual?`;
}

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  console.log(`connected to botwire-mcp (${url}): ${tools.map((tool) => tool.name).join(", ")}`);

  // The model's first move in every session: look up what it already knows.
  const known = await use("recall", { key: "user:profile" });
  const history = await use("read_history", { key: "conversation", last: 10 });
  const session = history.total / 2 + 1;

  const user = known.found ? "Hi again!" : "Hi, I'm Ada. I drink green tea.";
  const answer = reply(known.found ? known.value : undefined, session);
  console.log(`user: ${user}`);
  console.log(`assistant: ${answer}`);

  if (!known.found)
    await use("remember", { key: "user:profile", value: { name: "Ada", drink: "Green tea" } });
  await use("append_history", {
    key: "conversation",
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: answer },
    ],
  });
  console.log(`session ${session} done: ${(history.total + 2) / 2} sessions remembered`);
} catch (error) {
  console.error(`${error.message}\n${serverLog}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
