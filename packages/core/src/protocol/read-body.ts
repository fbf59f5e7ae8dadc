import { ProtocolError } from "./protocol-error.js";

/**
 * Reads a request body, refusing it with 413 `payload_too_large` as soon as it passes
 * `maxBytes`: a hostile body is never buffered past the limit.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const length = request.headers.get("content-length");
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > maxBytes) throw payloadTooLarge(maxBytes);
  // A declared length within the limit bounds the read already (HTTP servers refuse bodies
  // longer than declared). Checked before touching `request.body`: Node adapters read the
  // body directly for arrayBuffer(), but build a costly web stream once `.body` is accessed.
  if (Number.isSafeInteger(declared)) return new Uint8Array(await request.arrayBuffer());
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function payloadTooLarge(maxBytes: number): ProtocolError {
  return new ProtocolError(
    "payload_too_large",
    `The request body is larger than ${maxBytes} bytes: send less per request (split batches and appends).`,
    { limit: maxBytes },
  );
}
