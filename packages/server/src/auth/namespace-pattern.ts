/** Characters of a namespace pattern: a namespace's, plus `*`. */
export const NAMESPACE_PATTERN_SYNTAX = /^[A-Za-z0-9_\-.:*]{1,128}$/;

/** Whether `namespace` matches `pattern`, where `*` stands for any run of characters. */
export function matchesNamespace(pattern: string, namespace: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === namespace;
  const [first = "", ...rest] = parts;
  const last = rest.pop() ?? "";
  if (!namespace.startsWith(first) || !namespace.endsWith(last)) return false;
  let at = first.length;
  const end = namespace.length - last.length;
  if (at > end) return false;
  for (const part of rest) {
    const found = namespace.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
