import type {
  LanguageModelV4Message,
  LanguageModelV4ToolResultOutput,
  SharedV4FileData,
} from "@ai-sdk/provider";
import { BotWireValidationError, type JsonValue } from "@botwire/core";

/**
 * What `botwireMemory` records on a text part that stands in for a file it did not store
 * (under `providerOptions.botwire.omittedFile`), so the placeholder still counts as the same
 * message as the file it replaced.
 */
export interface OmittedFile {
  mediaType: string;
  filename?: string;
}

type FileLike = { data: SharedV4FileData; mediaType: string; filename?: string };
type ContentPart = Exclude<LanguageModelV4Message["content"], string>[number];
type OutputItem = Extract<LanguageModelV4ToolResultOutput, { type: "content" }>["value"][number];

const ROLES = new Set(["system", "user", "assistant", "tool"]);

/**
 * The JSON form of a prompt message, as stored in a list item. Files given by URL, provider
 * reference or text are kept (a URL as its string); inline bytes (a `Uint8Array` or base64) are
 * not stored: a file becomes a text part `[file not stored: <mediaType> <filename>]` and a
 * reasoning file is dropped. Bytes would not round-trip through JSON, and one image can exceed
 * the server's item limit; store the file elsewhere and pass its URL to keep it.
 */
export function toStoredMessage(message: LanguageModelV4Message): JsonValue {
  if (message.role === "system") return toJson(message);
  const content: ContentPart[] = [];
  for (const part of message.content) {
    if (part.type === "file") content.push(isBinary(part.data) ? placeholder(part) : part);
    else if (part.type === "reasoning-file") {
      if (!isBinary(part.data)) content.push(part);
    } else if (part.type === "tool-result" && part.output.type === "content") {
      const value = part.output.value.map((item) =>
        item.type === "file" && isBinary(item.data) ? placeholder(item) : item,
      );
      content.push({ ...part, output: { ...part.output, value } });
    } else content.push(part);
  }
  return toJson({ ...message, content } as LanguageModelV4Message);
}

/**
 * A stored list item back as a prompt message (file URLs become `URL` objects again).
 * @throws {BotWireValidationError} when the item is not a stored message: the list under this
 * session key was written by something else.
 */
export function fromStoredMessage(item: JsonValue, where: string): LanguageModelV4Message {
  const message = item as { role?: unknown; content?: unknown } | null;
  const valid =
    typeof message === "object" &&
    message !== null &&
    ROLES.has(message.role as string) &&
    (message.role === "system"
      ? typeof message.content === "string"
      : Array.isArray(message.content) &&
        message.content.every((part) => typeof part?.type === "string"));
  if (!valid) {
    throw new BotWireValidationError({
      statusCode: 0,
      code: "invalid_request",
      message: `${where} is not a stored AI SDK message (${JSON.stringify(item)?.slice(0, 80)}): the list was written by something else. Use another sessionId or namespace for botwireMemory.`,
    });
  }
  const restored = structuredClone(item) as LanguageModelV4Message;
  if (restored.role === "system") return restored;
  for (const part of restored.content) {
    if (part.type === "file" || part.type === "reasoning-file") part.data = restoreUrl(part.data);
    if (part.type === "tool-result" && part.output.type === "content") {
      for (const value of part.output.value) {
        if (value.type === "file") value.data = restoreUrl(value.data);
      }
    }
  }
  return restored;
}

/** The file a placeholder text part stands for, if it is one. */
export function omittedFileOf(part: ContentPart | OutputItem): OmittedFile | undefined {
  const botwire = part.providerOptions?.botwire as { omittedFile?: OmittedFile } | undefined;
  return botwire?.omittedFile;
}

/** A URL read back from JSON (a string there) as the `URL` the AI SDK expects. */
function restoreUrl<T extends SharedV4FileData>(data: T): T {
  const url = (data as { url?: unknown }).url;
  return data.type === "url" && typeof url === "string" ? { ...data, url: new URL(url) } : data;
}

function isBinary(data: SharedV4FileData): boolean {
  return data.type === "data";
}

function placeholder(file: FileLike): { type: "text"; text: string; providerOptions: never } {
  const omittedFile: OmittedFile = { mediaType: file.mediaType };
  if (file.filename !== undefined) omittedFile.filename = file.filename;
  const name = file.filename ? ` ${file.filename}` : "";
  return {
    type: "text",
    text: `[file not stored: ${file.mediaType}${name}]`,
    providerOptions: { botwire: { omittedFile } } as never,
  };
}

/** JSON as the server will store it: `URL`s as strings, `undefined` fields gone. */
function toJson(message: LanguageModelV4Message): JsonValue {
  return JSON.parse(JSON.stringify(message)) as JsonValue;
}
