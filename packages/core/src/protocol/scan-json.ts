const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** What {@link scanJson} found wrong, if anything. */
export type JsonProblem = "too_deep" | "duplicate_key";

/**
 * Checks JSON text BEFORE `JSON.parse`, in one pass and without recursion: nesting deeper than
 * `maxDepth` (a body nested 100 000 deep is refused without touching the stack), and an object
 * with the same key twice (`JSON.parse` would silently keep the last one, so what a proxy or a
 * log saw first is not what gets stored). Malformed text is left for `JSON.parse` to report.
 */
export function scanJson(text: string, maxDepth: number): JsonProblem | undefined {
  // One entry per open container: the keys seen so far for an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      const keys = stack.at(-1);
      if (expectKey && keys) {
        const raw = text.slice(start, i + 1);
        let key: string;
        try {
          key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        } catch {
          return undefined; // not valid JSON: JSON.parse will say so
        }
        if (keys.has(key)) return "duplicate_key";
        keys.add(key);
        expectKey = false;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (stack.push(c === OPEN_BRACE ? new Set() : null) > maxDepth) return "too_deep";
      expectKey = c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      stack.pop();
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = stack.at(-1) instanceof Set;
    }
  }
  return undefined;
}
