import { ProtocolError } from "./protocol-error.js";
import { scanJson } from "./scan-json.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Turns a request body into a JSON value: the content type must be JSON (415 otherwise), the
 * bytes valid UTF-8, the nesting at most `maxDepth`, the text valid JSON (400 `invalid_json`).
 */
export function parseJsonBody(
  body: Uint8Array,
  contentType: string | null,
  maxDepth: number,
): unknown {
  if (contentType === null || !JSON_MEDIA_TYPE.test(contentType.trim())) {
    throw new ProtocolError(
      "unsupported_media_type",
      "Send the body as JSON with the header Content-Type: application/json.",
    );
  }
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new ProtocolError("invalid_json", "The body is not valid UTF-8: encode it as UTF-8.");
  }
  const problem = scanJson(text, maxDepth);
  if (problem === "too_deep") {
    throw new ProtocolError(
      "invalid_json",
      `The body nests deeper than ${maxDepth} levels: flatten the value.`,
      { limit: maxDepth },
    );
  }
  if (problem === "duplicate_key") {
    throw new ProtocolError(
      "invalid_json",
      "The body has an object with the same key twice: send each key once.",
    );
  }
  if (problem === "number_out_of_range") {
    throw new ProtocolError(
      "invalid_json",
      "The body has a number too large for a 64-bit double (e.g. 1e400), which would be stored as null: send it as a string.",
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProtocolError(
      "invalid_json",
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
}
