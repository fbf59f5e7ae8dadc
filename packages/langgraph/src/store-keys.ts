/**
 * An item's key in the BotWire namespace: its namespace labels and its key, each escaped, joined
 * by spaces. A space sorts below every character an escaped part can hold, so the server's
 * ascending key order is (labels..., key) order, label by label, and `search(["a"])` is the
 * listing prefix `"a "`, which never matches a sibling namespace such as `["ab"]`.
 */
export function itemKey(namespace: string[], key: string): string {
  return [...namespace, key].map(escapePart).join(" ");
}

/** The listing prefix of every item in `namespace` and below it (`""` for everything). */
export function namespacePrefix(namespace: string[]): string {
  return namespace.map((label) => `${escapePart(label)} `).join("");
}

function escapePart(part: string): string {
  return part.replaceAll("%", "%25").replaceAll(" ", "%20");
}

/** The namespace labels of a key made by {@link itemKey}. */
export function namespaceOfKey(key: string): string[] {
  return key.split(" ").slice(0, -1).map(unescapePart);
}

function unescapePart(part: string): string {
  return part.replace(/%2[05]/g, (code) => (code === "%20" ? " " : "%"));
}
