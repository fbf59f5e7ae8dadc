import {
  describeInvalidKey,
  describeInvalidNamespace,
  isValidKey,
  isValidNamespace,
} from "./names.js";
import { ProtocolError } from "./protocol-error.js";

/** The namespace of a request, or 400 `invalid_namespace`. */
export function assertNamespace(namespace: string): string {
  if (!isValidNamespace(namespace)) {
    throw new ProtocolError("invalid_namespace", describeInvalidNamespace());
  }
  return namespace;
}

/** The key of a request, or 400 `invalid_key`. */
export function assertKey(key: string, maxBytes?: number): string {
  if (!isValidKey(key, { maxBytes }))
    throw new ProtocolError("invalid_key", describeInvalidKey(maxBytes));
  return key;
}

/**
 * Percent-decodes one path segment, once. A malformed escape is 400 with `code`: URLs are
 * never decoded twice, so `%252F` stays the three characters `%2F`.
 */
export function decodePathSegment(
  segment: string,
  code: "invalid_key" | "invalid_namespace",
): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ProtocolError(
      code,
      `The ${code === "invalid_key" ? "key" : "namespace"} is not validly percent-encoded: encode it with encodeURIComponent.`,
    );
  }
}
