/**
 * Whether `value` passes a LangGraph store `filter`: every top-level field equals the filter's
 * value, or passes its operators (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$in`, `$nin`).
 * The same rules as `InMemoryStore`, including numeric coercion for the ordering operators.
 */
export function matchesFilter(
  value: Record<string, unknown>,
  filter: Record<string, unknown> | undefined,
): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([field, condition]) => matches(value[field], condition));
}

const OPERATORS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);

function matches(actual: unknown, condition: unknown): boolean {
  if (!isOperators(condition)) return actual === condition;
  return Object.entries(condition).every(([operator, expected]) => {
    switch (operator) {
      case "$eq":
        return actual === expected;
      case "$ne":
        return actual !== expected;
      case "$gt":
        return Number(actual) > Number(expected);
      case "$gte":
        return Number(actual) >= Number(expected);
      case "$lt":
        return Number(actual) < Number(expected);
      case "$lte":
        return Number(actual) <= Number(expected);
      case "$in":
        return Array.isArray(expected) && expected.includes(actual);
      default: // $nin
        return !Array.isArray(expected) || !expected.includes(actual);
    }
  });
}

function isOperators(condition: unknown): condition is Record<string, unknown> {
  return (
    typeof condition === "object" &&
    condition !== null &&
    Object.keys(condition).every((key) => OPERATORS.has(key))
  );
}
