import type { EntryRow } from "../../../src/store/entry-row.js";

/** An `entries` row for planning tests: a live value of 3 bytes unless overridden. */
export function row(overrides: Partial<EntryRow> = {}): EntryRow {
  return {
    key: "k",
    kind: "value",
    value: "123",
    bytes: 3,
    version: 7,
    created_at: 100,
    updated_at: 100,
    expires_at: null,
    length: 0,
    next_seq: 1,
    ...overrides,
  };
}
