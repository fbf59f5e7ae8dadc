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

/** Each string option's environment variable and default, in `--help` order. */
const SETTINGS = {
  url: { env: "BOTWIRE_URL", fallback: "http://127.0.0.1:8790" },
  token: { env: "BOTWIRE_TOKEN" },
  namespace: { env: "BOTWIRE_NAMESPACE", fallback: "mcp" },
  port: { env: "BOTWIRE_MCP_PORT", fallback: "8799" },
  host: { env: "BOTWIRE_MCP_HOST", fallback: "127.0.0.1" },
  "allowed-hosts": { env: "BOTWIRE_MCP_ALLOWED_HOSTS" },
} satisfies Record<string, { env: string; fallback?: string }>;

type Setting = keyof typeof SETTINGS;

const HELP: Record<Setting, string> = {
  url: "BotWire server",
  token: "BotWire token (prefer the variable: flags show in `ps`)",
  namespace: "namespace the tools work in",
  port: "HTTP port (0 = any free port)",
  host: "HTTP interface to bind",
  "allowed-hosts":
    "comma-separated names clients use in Host (DNS rebinding protection; loopback names are always allowed)",
};

/** The CLI was called wrongly; the message says how to call it. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** The `--help` text. */
export function usage(): string {
  const lines = Object.entries(SETTINGS).map(([name, { env, ...rest }]) => {
    const fallback = "fallback" in rest ? ` [default: ${rest.fallback}]` : "";
    return `  --${name} <value>, ${env}
      ${HELP[name as Setting]}${fallback}`;
  });
  return `Usage: botwire-mcp [options]

MCP server that gives any MCP host (Claude Desktop, VS Code, Cursor, agents) persistent memory
on a BotWire server: tools remember, recall, forget, list_memories, append_history,
read_history, and resources memory://{namespace}/{key}.

Serves stdio by default (the host starts it); --http serves streamable HTTP at /mcp.

Options (a flag wins over its environment variable):
  --http
      serve streamable HTTP (stateless) instead of stdio
${lines.join("\n")}
  --help
      show this help
`;
}

/** Reads flags, then environment variables, then defaults. `undefined` means: print help. */
export function parseCliConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig | undefined {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, { type: "string" }])),
        http: { type: "boolean" },
        help: { type: "boolean" },
      } as const,
    }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${usage()}`);
  }
  if (values.help) return undefined;
  const read = (name: Setting): string | undefined => {
    const setting: { env: string; fallback?: string } = SETTINGS[name];
    return (values[name] as string | undefined) || env[setting.env] || setting.fallback;
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
