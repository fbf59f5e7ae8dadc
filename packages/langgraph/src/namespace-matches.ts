import type { MatchCondition } from "@langchain/langgraph-checkpoint";

/**
 * Whether `namespace` meets a `listNamespaces` condition: its first (prefix) or last (suffix)
 * labels equal the condition's path, where `"*"` matches any one label.
 */
export function namespaceMatches(condition: MatchCondition, namespace: string[]): boolean {
  const { matchType, path } = condition;
  if (path.length > namespace.length) return false;
  const start = matchType === "prefix" ? 0 : namespace.length - path.length;
  return path.every((label, index) => label === "*" || namespace[start + index] === label);
}
