// An LLM answer cache that outlives the process: Keyv on @botwire/keyv, against the BotWire
// server at BOTWIRE_URL (default http://127.0.0.1:8790). The "model" is a fake that takes its
// time, so the cache's effect is visible. Run it twice: the second run answers from the entries
// the first run stored.
import { createKeyv } from "@botwire/keyv";

const url = process.env.BOTWIRE_URL ?? "http://127.0.0.1:8790";
const DAY_MS = 24 * 60 * 60 * 1000;

/** A stand-in for an LLM call: slow, and counted, so cache hits are easy to see. */
let modelCalls = 0;
async function fakeModel(question) {
  modelCalls++;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const answers = {
    "What is the capital of France?": "Paris.",
    "Who wrote the first program?": "Ada Lovelace, for the Analytical Engine.",
    "What does TTL stand for?": "Time to live.",
  };
  return answers[question] ?? "I don't know.";
}

// One BotWire namespace for the example; Keyv's namespaces become key prefixes inside it.
const store = { url, namespace: "keyv-example" };
const answers = createKeyv(store, { namespace: "answers", ttl: DAY_MS });
const meta = createKeyv(store, { namespace: "meta" });

const run = ((await meta.get("runs")) ?? 0) + 1;
await meta.set("runs", run);
console.log(`run ${run}: cache at ${url}`);

const questions = [
  "What is the capital of France?",
  "Who wrote the first program?",
  "What does TTL stand for?",
];
// One batch call reads every cached answer.
const cached = await answers.get(questions);
let hits = 0;
for (const [index, question] of questions.entries()) {
  const entry = cached[index];
  if (entry) {
    hits++;
    console.log(`  ${question} -> ${entry.answer} (cache hit, stored by run ${entry.run})`);
    continue;
  }
  const answer = await fakeModel(question);
  await answers.set(question, { answer, run });
  console.log(`  ${question} -> ${answer} (asked the model)`);
}
console.log(`model calls: ${modelCalls}, cache hits: ${hits}`);
