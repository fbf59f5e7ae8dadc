const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const PLUS = 0x2b;
const DOT = 0x2e;
const LOWER_E = 0x65;

/** What {@link scanJson} found wrong, if anything. */
export type JsonProblem = "too_deep" | "duplicate_key" | "number_out_of_range";

/**
 * Checks JSON text BEFORE `JSON.parse`, in one pass and without recursion: nesting deeper than
 * `maxDepth` (a body nested 100 000 deep is refused without touching the stack), and an object
 * with the same key twice (`JSON.parse` would silently keep the last one, so what a proxy or a
 * log saw first is not what gets stored), and a number too large for a double (`1e400` parses
 * as Infinity, which JSON.stringify writes as `null`). Malformed text is left for
 * `JSON.parse` to report.
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
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      const start = i;
      let exponent = false;
      for (; i + 1 < text.length && isNumberChar(text.charCodeAt(i + 1)); i++) {
        exponent ||= (text.charCodeAt(i + 1) | 0x20) === LOWER_E;
      }
      // Only an exponent or ~309 digits can overflow: most numbers skip the conversion.
      if (
        (exponent || i - start >= 300) &&
        Math.abs(Number(text.slice(start, i + 1))) === Number.POSITIVE_INFINITY
      ) {
        return "number_out_of_range";
      }
    }
  }
  return undefined;
}

function isNumberChar(c: number): boolean {
  return (
    (c >= DIGIT_0 && c <= DIGIT_9) ||
    c === DOT ||
    c === PLUS ||
    c === MINUS ||
    (c | 0x20) === LOWER_E
  );
}
