/**
 * A version as a step names it. Each side numbers its versions its own way, so a step never
 * carries a number: it names the `recent`-th newest version that side has answered (the key's
 * current one, usually, or a stale one), or a `literal` no side has issued.
 */
export type VersionRef = { recent: number } | { literal: number };

/** A header value: text, or a version in one of the spellings `If-Match` accepts. */
export type HeaderValue = string | { version: VersionRef; style: "quoted" | "bare" | "weak" };

/**
 * A JSON body in which `{ $version: ref }` stands for a version, resolved by each side; `raw`
 * is sent as is (malformed JSON and the like), followed by `pad` spaces (a body over the
 * size limit, without a huge counterexample).
 */
export type BodySpec = { json: unknown } | { raw: string; pad?: number };

/** One request, the same for both sides up to the versions and cursors it names. */
export interface RequestStep {
  kind: "request";
  method: string;
  /** The path, already percent-encoded (invalid escapes included, on purpose). */
  path: string;
  /** Query parameters; a `{ cursor: true }` value is the side's last `nextCursor`. */
  query?: [string, string | { cursor: true }][];
  headers?: [string, HeaderValue][];
  body?: BodySpec;
  contentType?: string;
}

/** A step of a sequence: a request, or time passing on the shared clock. */
export type Step = RequestStep | { kind: "advance"; ms: number };

/**
 * Limits lowered so that every refusal (oversize values, long keys and lists, big batches and
 * pages, the read cap) is reached by small generated inputs. Both sides get the same ones.
 */
export const DIFFERENTIAL_LIMITS = {
  maxValueBytes: 64,
  maxItemBytes: 32,
  maxAppendItems: 4,
  maxReplaceItems: 6,
  maxKeyBytes: 16,
  maxListLength: 8,
  maxBatchOps: 5,
  maxJsonDepth: 6,
  maxPageSize: 4,
  maxRangeItems: 5,
  maxReadBytes: 64,
};
