import { parseArgs } from "node:util";
import { isValidNamespace } from "@botwire/core/protocol";
import { LOOPBACK_HOSTS } from "../host-check.js";

/** Everything the CLI needs to start. */
export interface CliConfig {
  /** BotWire server URL. */
  url: string;
  /** BotWire token, if any. */
  token: string | undefined;
  namespace: string;
  /** Serve streamable HTTP instead of stdio. */
  http: boolean;
  port: number;
  host: string;
  /** Hostnames requests may name in Host / Origin. */
  allowedHosts: string[];
}

/** A flag, its environment variable, and its help line. */
interface Flag {
  env: string;
  help: string;
  fallback?: string;
}

const FLAGS = {
  url: { env: "BOTWIRE_URL", help: "BotWire server", fallback: "http://127.0.0.1:8790" },
  token: {
    env: "BOTWIRE_TOKEN",
    help: "BotWire token (prefer the env var: flags show in `ps`)",
  },
  namespace: { env: "BOTWIRE_NAMESPACE", help: "namespace the tools work in", fallback: "mcp" },
  port: { env: "BOTWIRE_MCP_PORT", help: "HTTP port (0 = any free port)", fallback: "8799" },
  host: { env: "BOTWIRE_MCP_HOST", help: "HTTP interface to bind", fallback: "127.0.0.1" },
  "allowed-hosts": {
    env: "BOTWIRE_MCP_ALLOWED_HOSTS",
    help: "comma-separated names clients use in Host (DNS rebinding protection; loopback names are always allowed)",
  },
} satisfies Record<string, Flag>;

type FlagName = keyof typeof FLAGS;

/** The CLI was called wrongly; the message says how to call it. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** The `--help` text. */
export function usage(): string {
  const rows = Object.entries(FLAGS).map(([name, flag]: [string, Flag]) => {
    const fallback = flag.fallback ? ` [default: ${flag.fallback}]` : "";
    return `  --${name.padEnd(15)} ${flag.help}${fallback}\n  ${"".padEnd(17)} env ${flag.env}`;
  });
  return `Usage: botwire-mcp [options]

MCP server that gives any MCP host (Claude Desktop, VS Code, Cursor, agents) persistent memory
on a BotWire server: tools remember, recall, forget, list_memories, append_history,
read_history, and resources memory://{namespace}/{key}.

Serves stdio by default (the host starts it); --http serves streamable HTTP at /mcp.

Options (a flag wins over its environment variable):
  --http            serve streamable HTTP (stateless) instead of stdio
${rows.join("\n")}
  --help            show this help
`;
}

/** Reads flags, then environment variables, then defaults. `undefined` means: print help. */
export function parseCliConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig | undefined {
  const options = Object.fromEntries(
    Object.keys(FLAGS).map((name) => [name, { type: "string" as const }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...options, http: { type: "boolean" }, help: { type: "boolean" } },
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${usage()}`);
  }
  if (values.help) return undefined;
  const read = (name: FlagName): string | undefined => {
    const flag: Flag = FLAGS[name];
    return (values[name] as string | undefined) || env[flag.env] || flag.fallback;
  };
  const url = read("url") as string;
  if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
    throw new CliUsageError(`--url (BOTWIRE_URL) must be an http(s) URL, not "${url}".`);
  }
  const namespace = read("namespace") as string;
  if (!isValidNamespace(namespace)) {
    throw new CliUsageError(
      `--namespace (BOTWIRE_NAMESPACE) must be 1–128 characters of A-Z a-z 0-9 _ - . : and not '.' or '..', not "${namespace}".`,
    );
  }
  const rawPort = read("port") as string;
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new CliUsageError(
      `--port (BOTWIRE_MCP_PORT) must be an integer from 0 to 65535, not "${rawPort}".`,
    );
  }
  const host = read("host") as string;
  return {
    url,
    token: read("token"),
    namespace,
    http: values.http === true,
    port,
    host,
    allowedHosts: allowedHosts(host, read("allowed-hosts")),
  };
}

/**
 * The loopback names, the bound host when it names one interface, and the listed names. On a
 * wildcard bind without a list, remote clients could only be refused: say so at start.
 */
function allowedHosts(host: string, list: string | undefined): string[] {
  const listed = (list ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .map((name) => (name.includes(":") && !name.startsWith("[") ? `[${name}]` : name));
  const wildcard = host === "0.0.0.0" || host === "::" || host === "[::]";
  if (wildcard && listed.length === 0) {
    throw new CliUsageError(
      `--host ${host} listens on every interface: name the hosts clients use to reach it with --allowed-hosts (BOTWIRE_MCP_ALLOWED_HOSTS), e.g. --allowed-hosts mcp.example.com, so that DNS rebinding protection stays on.`,
    );
  }
  const bound = wildcard ? [] : [host.includes(":") && !host.startsWith("[") ? `[${host}]` : host];
  return [...new Set([...LOOPBACK_HOSTS, ...bound, ...listed])];
}
