import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { DumpFormatError } from "./dump-format-error.js";

/**
 * The lines of `input` (without their `\n` or `\r\n`), read chunk by chunk as the consumer
 * asks for them, so the stream's back-pressure holds and memory stays at one chunk plus one
 * line. A line longer than `maxChars` is refused rather than buffered without end.
 */
export async function* readLines(input: Readable, maxChars: number): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let partial = "";
  let line = 1;
  const tooLong = () =>
    new DumpFormatError(line, `longer than ${maxChars} characters: not a botwire dump line.`);
  for await (const chunk of input) {
    const text = partial + (typeof chunk === "string" ? chunk : decoder.write(chunk));
    const lines = text.split("\n");
    partial = lines.pop() as string;
    for (const whole of lines) {
      if (whole.length > maxChars) throw tooLong();
      yield whole.endsWith("\r") ? whole.slice(0, -1) : whole;
      line++;
    }
    if (partial.length > maxChars) throw tooLong();
  }
  partial += decoder.end();
  if (partial !== "") yield partial;
}
