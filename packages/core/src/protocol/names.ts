const NAMESPACE_PATTERN = /^[A-Za-z0-9_\-.:]{1,128}$/;
// C0 controls, DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The protocol's longest key, in UTF-8 bytes; a server may only lower it. */
export const MAX_KEY_BYTES = 512;
const encoder = new TextEncoder();

/**
 * Whether `namespace` is a valid namespace name: 1–128 characters of `A-Z a-z 0-9 _ - . :`,
 * and not `.` or `..` (URL parsers rewrite dot segments).
 */
export function isValidNamespace(namespace: unknown): namespace is string {
  return (
    typeof namespace === "string" &&
    NAMESPACE_PATTERN.test(namespace) &&
    namespace !== "." &&
    namespace !== ".."
  );
}

/**
 * Whether `key` is a valid key: 1–512 bytes (or `maxBytes`) of UTF-8 without control characters or lone
 * surrogates, and not `.` or `..`.
 */
export function isValidKey(
  key: unknown,
  // An options object, not a number: `keys.every(isValidKey)` must not pass the index as a limit.
  { maxBytes = MAX_KEY_BYTES }: { maxBytes?: number } = {},
): key is string {
  if (typeof key !== "string" || key.length === 0 || key === "." || key === "..") return false;
  return isPlainText(key) && fitsBytes(key, maxBytes);
}

/**
 * Whether `text` has no control characters (NUL included: PostgreSQL text cannot hold it) and
 * no lone surrogates (not UTF-8).
 */
export function isPlainText(text: string): boolean {
  return !CONTROL_CHARACTER.test(text) && !LONE_SURROGATE.test(text);
}

/**
 * Whether `prefix` can begin a valid key: 1–`maxBytes` bytes of plain text. A prefix no key
 * can have is refused rather than answered with an empty page.
 */
export function isValidKeyPrefix(
  prefix: string,
  { maxBytes = MAX_KEY_BYTES }: { maxBytes?: number } = {},
): boolean {
  return prefix.length > 0 && isPlainText(prefix) && fitsBytes(prefix, maxBytes);
}

function fitsBytes(text: string, maxBytes: number): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so short text skips the encode.
  return text.length * 3 <= maxBytes || encoder.encode(text).byteLength <= maxBytes;
}

/** Why a key is invalid, as a message telling the caller what to send instead. */
export function describeInvalidKey(maxBytes = MAX_KEY_BYTES): string {
  return `A key must be 1–${maxBytes} bytes of UTF-8 with no control characters, and not '.' or '..'.`;
}

/** Why a namespace is invalid, as a message telling the caller what to send instead. */
export function describeInvalidNamespace(): string {
  return "A namespace must be 1–128 characters of A-Z a-z 0-9 _ - . : and not '.' or '..'.";
}
