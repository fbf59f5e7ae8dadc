import { parseArgs } from "node:util";
import { describeToken, issueToken } from "../auth/issue-token.js";
import { CliUsageError, DEFAULT_DB } from "./cli-config.js";
import { openExistingStore } from "./open-existing-store.js";

const USAGE = `Usage: botwire-server token <command> [--db <path or postgres://...>]

  token create --ns <pattern> [--ns <pattern>...] [--read-only] [--expires-in <seconds>] [--label <text>]
  token list
  token revoke <id>

Works on the database directly (the server may be running). The secret is printed once.
`;

/** `botwire-server token ...`: mint, list and revoke access tokens. Returns the output. */
export async function runTokenCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, id] = positionals;
  if (values.help || command === undefined) return USAGE;
  const db = values.db ?? env.BOTWIRE_DB ?? DEFAULT_DB;
  const store = await openExistingStore(db);
  try {
    if (command === "create") {
      const ttl = values["expires-in"] === undefined ? undefined : Number(values["expires-in"]);
      const grant = {
        namespaces: values.ns ?? [],
        readOnly: values["read-only"] ?? false,
        ttl,
        label: values.label,
      };
      if (grant.namespaces.length === 0)
        throw new CliUsageError(`token create needs at least one --ns pattern.\n\n${USAGE}`);
      const { record, secret } = await issueToken(store, grant, Date.now());
      return `${JSON.stringify({ ...describeToken(record), token: secret }, null, 2)}\nStore the token now: it is not shown again.\n`;
    }
    if (command === "list")
      return `${JSON.stringify((await store.listTokens()).map(describeToken), null, 2)}\n`;
    if (command === "revoke" && id) {
      if (!(await store.revokeToken(id, Date.now())))
        throw new Error(`No token ${id} (it may be revoked already).`);
      return `Revoked ${id}.\n`;
    }
    throw new CliUsageError(USAGE);
  } finally {
    await store.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: "string" },
      ns: { type: "string", multiple: true },
      "read-only": { type: "boolean" },
      "expires-in": { type: "string" },
      label: { type: "string" },
      help: { type: "boolean" },
    },
  });
}
