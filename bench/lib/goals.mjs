// The goals of issue 17 ("Performance: a fast client by default, cheaper writes, PostgreSQL in
// one round trip"), as the summary of `npm run bench` checks them. A goal with `notYet` is not
// computed by the bench yet; the summary says why instead of a number.

/**
 * @typedef {object} Goal
 * @property {string} id what bench scripts record it as (lib/ratios.mjs)
 * @property {string} what the ratio, in words
 * @property {number} [max] met when the measured value is at most this
 * @property {number} [min] met when the measured value is at least this
 * @property {string} [unit] for absolute values (MB); ratios have none
 * @property {string} [note] how the bench measures it, where that differs from the goal
 * @property {string} [notYet] why the bench does not compute it yet
 */

/** @type {Goal[]} */
export const goals = [
  {
    id: "chat-turn-20",
    what: "1 · LangChain chat turn, default client ÷ Redis, 20 msgs",
    max: 1.5,
  },
  {
    id: "chat-turn-1000",
    what: "1 · LangChain chat turn, default client ÷ Redis, 1000 msgs",
    max: 0.7,
  },
  {
    id: "server-get-c50",
    what: "2 · server GET ÷ bare node:http+SQLite, 50 conns",
    min: 0.85,
    note: "open mode (no token/quota)",
  },
  {
    id: "server-put-c50",
    what: "2 · server PUT ÷ bare node:http+SQLite, 50 conns",
    min: 0.5,
    note: "open mode (no token/quota)",
  },
  {
    id: "botwire-compat",
    what: "2 · BotWire-compatible routes ÷ BotWire's server, GET and PUT",
    min: 5,
    notYet: "BotWire's own server (FastAPI) is not installable offline",
  },
  {
    id: "postgres-put",
    what: "3 · PostgreSQL PUT ÷ raw pg upserts, same pool",
    min: 0.5,
    notYet: "no raw-pg baseline in bench/ yet",
  },
  {
    id: "postgres-get",
    what: "3 · PostgreSQL GET ÷ raw pg point reads, same pool",
    min: 0.8,
    notYet: "no raw-pg baseline in bench/ yet",
  },
  {
    id: "cold-start",
    what: "4 · cold start to first response ÷ bare floor",
    max: 1.3,
  },
  { id: "idle-rss", what: "4 · idle RSS of the server", max: 60, unit: "MB" },
  {
    id: "loaded-rss",
    what: "4 · RSS after sustained PUT load (bound to state)",
    unit: "MB",
  },
];
