// A string value's JSON text with each escaped backslash as one placeholder character: every
// backslash left then starts an escape (`\n`, `\"`, `\uXXXX`), counted below.
const UNPAIRED = `replace(value, '\\\\', '#')`;
const BACKSLASHES = `(length(${UNPAIRED}) - length(replace(${UNPAIRED}, '\\', '')))`;
const UNICODE_ESCAPES = `((length(${UNPAIRED}) - length(replace(${UNPAIRED}, '\\u', ''))) / 2)`;

/**
 * The `chars` of the BotWire-compatible listing as one SQL expression over an `entries` row,
 * valid in SQLite and PostgreSQL alike, so values never leave the database:
 * - a string value: the characters (code points) of the string, worked out from its JSON text
 *   (less the quotes, one character per escape: `\n` is 2 characters of text, `\u00e9` 6).
 *   Decoding the JSON in SQL would not do: SQLite's `length` stops at a NUL character and
 *   PostgreSQL's `jsonb` refuses `\u0000`;
 * - any other value: the characters of its JSON text;
 * - a list: the UTF-8 bytes of its JSON text `[item,item]`, from the stored sizes (its items
 *   are not read), equal to its characters when the items are ASCII.
 */
export const LISTED_CHARS_SQL = `CASE
    WHEN kind = 'list' THEN CASE WHEN length > 0 THEN bytes + length + 1 ELSE 2 END
    WHEN substr(value, 1, 1) = '"' THEN length(${UNPAIRED}) - 2 - ${BACKSLASHES} - 4 * ${UNICODE_ESCAPES}
    ELSE length(value) END`;
