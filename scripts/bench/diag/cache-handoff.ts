// The main thread's share of handing a batch of new cache entries to the SQLite writer's thread, per
// entry: the rows as 22-value arrays with their dates formatted (what entry-sql.ts posted before)
// against the packed batch (cache-entry-pack.ts), each followed by the main thread's half of
// postMessage (v8's serializer; the packed typed arrays are transferred, not serialized). CPU time
// of this process (process.cpuUsage), which a busy machine disturbs less than wall time. Entries
// shaped like the bench's all-miss workload (scripts/bench/cache.mjs): a two-message request, a
// ~700-byte completion.
//
//   npx tsx scripts/bench/diag/cache-handoff.ts [--rounds 7] [--batch 500]
import { randomUUID } from "node:crypto";
import { serialize } from "node:v8";
import { parseArgs } from "node:util";
import type { StoredEntry } from "../../../lib/cache/cache-entry";
import { packCacheEntries } from "../../../lib/cache/cache-entry-pack";
import { vectorToBytes } from "../../../lib/cache/entry-rows";

const { values: opts } = parseArgs({ options: { rounds: { type: "string", default: "7" }, batch: { type: "string", default: "500" } } });
const BATCH = Number(opts.batch);
const BATCHES = 40;

const answerOf = (n: number) => JSON.stringify({
  id: `chatcmpl-fake-${n}`, object: "chat.completion", created: 1764000000, model: "gpt-4o-mini",
  choices: [{ index: 0, message: { role: "assistant", content: "A concise answer. ".repeat(20) }, finish_reason: "stop" }],
  usage: { prompt_tokens: 31, completion_tokens: 120, total_tokens: 151 },
});

function entry(n: number): StoredEntry {
  const prompt = `Which three things should a team check first when its language model bill doubles in a month? (variant x-${n})`;
  const request = JSON.stringify({ model: "bench-model", messages: [{ role: "system", content: "You are a concise assistant." }, { role: "user", content: prompt }], max_tokens: 256 });
  const now = Date.now();
  const answer = answerOf(n);
  return {
    id: `ce_${randomUUID().replace(/-/g, "")}`, orgId: "org_default", key: randomUUID(), kind: "chat", model: "bench-model", answer,
    inputTokens: 31, outputTokens: 120, bytes: answer.length + request.length + prompt.length, createdAt: now, expiresAt: now + 3_600_000,
    namespace: "team:team_1", teamId: "team_1", keyId: "key_1", contextKey: null, prompt, request, vector: null, embedder: null, source: "call",
  };
}

const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
function rowOf(e: StoredEntry): unknown[] {
  return [
    e.id, e.orgId, e.key, e.namespace, e.teamId, e.keyId, e.model, e.kind, e.contextKey, e.prompt, e.request, e.answer,
    e.vector ? Buffer.from(vectorToBytes(e.vector)) : null, e.embedder, e.inputTokens, e.outputTokens, e.bytes, 0, e.source,
    sqliteDate(e.createdAt), sqliteDate(e.createdAt), sqliteDate(e.expiresAt),
  ];
}

const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, i) => entry(b * BATCH + i)));
const ways: Record<string, (batch: StoredEntry[]) => unknown> = {
  "rows (before)": (batch) => serialize(batch.map(rowOf)),
  "packed (after)": (batch) => {
    const { count, texts, vectors } = packCacheEntries(batch, vectorToBytes);
    return serialize({ count, texts, vectors });
  },
};
const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
const best: Record<string, number> = {};
for (let round = 0; round < Number(opts.rounds); round++) {
  for (const [name, way] of Object.entries(ways)) {
    const started = cpuMicros();
    for (const batch of batches) way(batch);
    const us = (cpuMicros() - started) / (BATCHES * BATCH);
    best[name] = Math.min(best[name] ?? Infinity, us);
  }
}
for (const [name, us] of Object.entries(best)) console.log(`${name}: ${us.toFixed(2)} µs per entry of CPU (best of ${opts.rounds} × ${BATCHES * BATCH})`);
