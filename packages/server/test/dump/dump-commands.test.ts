import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CliUsageError } from "../../src/cli/cli-config.js";
import { runDumpCommand } from "../../src/cli/dump-commands.js";

describe("runDumpCommand", () => {
  it("refuses to import from a terminal instead of waiting for typed lines", async () => {
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    const io = { stdin, stdout: new PassThrough(), stderr: new PassThrough() };
    const run = runDumpCommand("import", ["--db", "/nonexistent/never-opened.db"], {}, io);
    await expect(run).rejects.toThrow(CliUsageError);
    await expect(run).rejects.toThrow("botwire-server import < dump.jsonl");
  });
});
