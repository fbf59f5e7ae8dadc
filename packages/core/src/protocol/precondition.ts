import { ProtocolError } from "./protocol-error.js";

/** A condition on a key's current version, from `If-Match` / `If-None-Match` or `ifVersion`. */
export type Precondition =
  /** The key must exist with exactly this version. */
  | { version: number }
  /** The key must not exist. */
  | { absent: true }
  /** The key must exist, whatever its version. */
  | { present: true };

const ETAG = /^(?:W\/)?"?([1-9][0-9]{0,15})"?$/;

/**
 * Reads the precondition of a request from its `If-Match` (`"<v>"`, `<v>`, `W/"<v>"`, `*`)
 * and `If-None-Match` (`*` only) headers.
 */
export function parsePrecondition(
  ifMatch: string | null,
  ifNoneMatch: string | null,
): Precondition | undefined {
  if (ifMatch !== null && ifNoneMatch !== null) {
    throw new ProtocolError("invalid_request", "Send If-Match or If-None-Match, not both.", {
      field: "If-None-Match",
    });
  }
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return { absent: true };
    throw new ProtocolError("invalid_request", 'If-None-Match only supports "*" (create only).', {
      field: "If-None-Match",
    });
  }
  if (ifMatch === null) return undefined;
  const value = ifMatch.trim();
  if (value === "*") return { present: true };
  const version = ETAG.exec(value)?.[1];
  if (version === undefined) {
    throw new ProtocolError(
      "invalid_request",
      'If-Match must be a version as returned in the ETag header, e.g. "42", or "*".',
      { field: "If-Match" },
    );
  }
  return { version: Number(version) };
}

/**
 * The precondition of a request: `If-Match`, and unless `ifMatchOnly`, `If-None-Match`.
 * Deletes pass `ifMatchOnly`: "delete only if absent" means nothing.
 */
export function preconditionOf(headers: Headers, ifMatchOnly = false): Precondition | undefined {
  return parsePrecondition(
    headers.get("if-match"),
    ifMatchOnly ? null : headers.get("if-none-match"),
  );
}

/** Whether `expect` holds for a key whose current version is `current` (undefined: absent). */
export function preconditionHolds(expect: Precondition, current: number | undefined): boolean {
  if ("absent" in expect) return current === undefined;
  if ("present" in expect) return current !== undefined;
  return current === expect.version;
}

/** The precondition of a batch op's `ifVersion`: 0 means "must be absent". */
export function preconditionOfVersion(ifVersion: number | undefined): Precondition | undefined {
  if (ifVersion === undefined) return undefined;
  return ifVersion === 0 ? { absent: true } : { version: ifVersion };
}

/** The `ETag` header value of a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
