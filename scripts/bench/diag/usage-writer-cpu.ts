// What the SQLite usage writer's thread (lib/usage/sqlite-usage-thread.ts, the compiled file that
// npm start runs) spends per usage record: a fresh database with every SQLite migration, the real
// writer (createSqliteUsageWriter) given batches of 500 events (USAGE_FLUSH_SIZE's default, what a
// flush hands it under load) shaped like the bench's closed loop (one org, key, user and
// model; status 200), and the CPU time of the writer's thread alone (/proc/self/task/<tid>/stat),
// per record, round by round as the table grows.
// `--ids random` (req_ + a random UUID, as before) or `--ids ordered` (lib/gateway/respond.ts: time first).
//
//   npm run build compiles the thread; after editing it, compile it again first:
//   node -e 'import("./scripts/build-threads.mjs").then((m) => m.buildThreadBundles(process.cwd()))'
//   npx tsx scripts/bench/diag/usage-writer-cpu.ts [--ids ordered|random] [--rounds 5] [--records 20000]
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { newRequestId } from "../../../lib/gateway/respond";
import { createSqliteUsageWriter } from "../../../lib/usage/sqlite-usage-writer";
import type { UsageEvent } from "../../../lib/usage/usage-event";

const { values: opts } = parseArgs({ options: { ids: { type: "string", default: "ordered" }, rounds: { type: "string", default: "5" }, records: { type: "string", default: "20000" } } });
const file = join(tmpdir(), `tollgate-usage-writer-${process.pid}.db`);
const removeFiles = () => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
};
removeFiles();
const migrations = join("prisma", "migrations", "sqlite");
const setup = new Database(file);
setup.pragma("journal_mode = WAL");
for (const dir of readdirSync(migrations).filter((d) => /^\d+_/.test(d)).sort()) setup.exec(readFileSync(join(migrations, dir, "migration.sql"), "utf8"));
setup.close();

const newId = opts.ids === "random" ? () => `req_${randomUUID().replace(/-/g, "")}` : () => newRequestId();
const event = (): UsageEvent => ({
  requestId: newId(), orgId: "org_bench", keyId: "key_bench", userId: "user_bench", teamId: null, model: "bench-model", providerId: "prov_bench",
  providerKind: "openai-compatible", providerName: "bench-fake", upstreamModel: "gpt-4o-mini", inputTokens: 61, outputTokens: 120, cachedTokens: 0,
  costMicros: 81n, latencyMs: 3, ttftMs: null, upstreamMs: 2, streamed: false, status: 200, errorType: null, estimated: false,
  endpoint: "chat.completions", createdAt: new Date(), deploymentId: "dep_bench", attempts: 1,
});

function threadTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks.set(Number(tid), Number(f[11]) + Number(f[12]));
  }
  return ticks;
}

async function main(): Promise<void> {
  const writer = createSqliteUsageWriter(file);
  const before = threadTicks();
  await writer.write([event()]);
  const writerTid = [...threadTicks().keys()].find((tid) => !before.has(tid));
  if (writerTid === undefined) throw new Error("the writer's thread was not found");
  const writerTicks = () => threadTicks().get(writerTid) ?? 0;

  const perRound = Number(opts.records);
  let stored = 1;
  try {
    for (let round = 1; round <= Number(opts.rounds); round++) {
      const t0 = writerTicks();
      for (let i = 0; i < perRound; i += 500) stored += await writer.write(Array.from({ length: Math.min(500, perRound - i) }, event));
      const ms = (writerTicks() - t0) * 10;
      console.log(`round ${round} (table at ${stored} records): writer thread ${(ms * 1000 / perRound).toFixed(1)} µs/record`);
    }
  } finally {
    await writer.close();
    removeFiles();
  }
}

// tsx runs this file as CommonJS: no top-level await.
void main();
