// What the response cache's SQLite writer thread spends per new entry (sqlite-cache-thread.ts's
// statement and transaction, the CacheEntry table and indexes of the SQLite migration): batches of
// 500 rows shaped like the bench's all-miss workload (scripts/bench/cache.mjs), CPU time per row of
// this process (user and system: the WAL writes and checkpoints count), as the table grows.
// `--ids random` (ce_ + a random UUID, as before) or `--ids ordered` (cache-entry-id.ts: time first,
// so the primary key's index grows at its right edge instead of at random pages).
//
// `--pragma name=value` (repeatable) sets a pragma on the connection after WAL and synchronous.
// `--drop-index name` (repeatable) drops one of the migration's CacheEntry indexes first, to weigh
// what each index costs an insert.
//
//   npx tsx scripts/bench/diag/cache-sqlite-inserts.ts [--ids random|ordered] [--rounds 6] [--pragma wal_autocheckpoint=10000]
//        [--drop-index CacheEntry_orgId_expiresAt_idx]
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { newCacheEntryId } from "../../../lib/cache/cache-entry-id";
import { CACHE_ENTRY_COLUMNS } from "../../../lib/cache/sqlite-cache-protocol";

const { values: opts } = parseArgs({ options: { ids: { type: "string", default: "ordered" }, rounds: { type: "string", default: "6" }, pragma: { type: "string", multiple: true, default: [] }, "drop-index": { type: "string", multiple: true, default: [] } } });
const file = join(tmpdir(), `tollgate-cache-inserts-${process.pid}.db`);
const removeFiles = () => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
};
removeFiles();
const migration = readFileSync("prisma/migrations/sqlite/20261203054551_response_cache/migration.sql", "utf8");
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
for (const pragma of opts.pragma) db.pragma(pragma.replace("=", " = "));
for (const statement of migration.split(";")) if (/CREATE/.test(statement) && /"CacheEntry"/.test(statement)) db.exec(statement);
for (const index of opts["drop-index"]) db.exec(`DROP INDEX "${index}"`);

const columns = CACHE_ENTRY_COLUMNS.map((c) => `"${c}"`).join(", ");
const update = CACHE_ENTRY_COLUMNS.filter((c) => c !== "orgId" && c !== "key").map((c) => `"${c}" = excluded."${c}"`).join(", ");
const insert = db.prepare(`INSERT INTO "CacheEntry" (${columns}) VALUES (${CACHE_ENTRY_COLUMNS.map(() => "?").join(", ")}) ON CONFLICT ("orgId", "key") DO UPDATE SET ${update}`);
const insertAll = db.transaction((rows: unknown[][]) => {
  for (const row of rows) insert.run(row);
});
const date = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const newId = opts.ids === "random" ? () => `ce_${randomUUID().replace(/-/g, "")}` : newCacheEntryId;
const answer = (n: number) => JSON.stringify({
  id: `chatcmpl-fake-${n}`, object: "chat.completion", created: 1764000000, model: "gpt-4o-mini",
  choices: [{ index: 0, message: { role: "assistant", content: "A concise answer. ".repeat(20) }, finish_reason: "stop" }],
  usage: { prompt_tokens: 31, completion_tokens: 120, total_tokens: 151 },
});
const cpu = () => process.cpuUsage();

let n = 0;
function row(): unknown[] {
  n++;
  const now = Date.now();
  const prompt = `Which three things should a team check first when its language model bill doubles in a month? (variant x-${n})`;
  const request = JSON.stringify({ messages: [{ role: "system", content: "You are a concise assistant." }, { role: "user", content: prompt }], max_tokens: 256 });
  return [newId(), "org_default", randomUUID(), "team:team_1", "team_1", "key_1", "bench-model", "chat", null, prompt, request, answer(n), null, null, 31, 120, 2000, 0, "call", date(now), date(now), date(now + 3_600_000)];
}

try {
  for (let round = 0; round < Number(opts.rounds); round++) {
    const batches = Array.from({ length: 40 }, () => Array.from({ length: 500 }, row));
    const started = cpu();
    for (const batch of batches) insertAll.immediate(batch);
    const used = process.cpuUsage(started);
    const per = (micros: number) => (micros / 20_000).toFixed(1);
    console.log(`${opts.ids} ids, round ${round + 1}: ${per(used.user + used.system)} µs CPU per row (system ${per(used.system)}), table ${n} rows`);
  }
} finally {
  db.close();
  removeFiles();
}
