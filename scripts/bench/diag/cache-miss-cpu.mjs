// What a cache miss costs Tollgate, against the cache turned off (issue 15's "all-miss within 10 %
// of cache off"): CPU time per call of the whole Tollgate process (every thread, from /proc, so the
// cache writer's thread counts), split by thread name (Node's worker threads are all named "node"
// like the main thread, so they are told apart by thread id: "main" and "worker <tid>"), on the
// same prepared build, with cache off and all-miss closed loops alternating. CPU per call is less
// noisy on the shared machine than throughput, but cache off itself still moved by 15 % between two
// runs there (decision 013). Needs an existing build (npm run build); the fake upstream runs alongside.
//
//   node scripts/bench/diag/cache-miss-cpu.mjs [--rounds 3] [--duration 8] [--connections 32] [--profile] [--trace-gc] [--hits] [--admission always|repeated]
//
// --admission always (default: every miss stores its answer, the cost this diagnostic was made to
// find) or repeated (the default setting: a one-off prompt stores nothing; docs/cache.md, "Admission").
// --hits ends with an all-hit closed loop (one repeated request, as the bench's) and its throughput
// against all-miss (issue 15: hits at least 2× the miss path).
// --trace-gc adds --trace-gc to Tollgate and counts, per 1,000 calls of each mode, the scavenges and
// mark-compacts (of every isolate: main thread and workers) its log shows during the measured loops.
//
// --profile adds --cpu-prof to Tollgate (profiles in data/bench/diag-cache-prof; summarize them with
// scripts/bench/profile-summary.mjs). Run under `flock /tmp/tollgate-bench.lock`.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { hitSpec, missSpec, putSettings } from "../cache.mjs";
import { closedLoop, summarize } from "../load.mjs";
import { freePort, killAll, startProcess } from "../procs.mjs";
import { setupTollgate } from "../setup.mjs";
import { freshDatabase, launchTollgate } from "../tollgate.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const { values: opts } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "32" },
    profile: { type: "boolean", default: false },
    "trace-gc": { type: "boolean", default: false },
    hits: { type: "boolean", default: false },
    admission: { type: "string", default: "always" },
  },
});
const log = (msg) => console.log(`[cache-miss-cpu] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TICKS_PER_SECOND = 100;

/**
 * CPU ticks (user + system) of every thread of `pid`, by thread name; Node's own threads, all named
 * "node", are told apart as "main" (tid = pid) and "worker <tid>" (the cache and usage writers, the
 * console's thread…), so the cache writer's share shows on its own.
 */
function threadTicks(pid) {
  const byName = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const name = Number(tid) === pid ? "main" : comm === "node" ? `worker ${tid}` : comm;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      byName[name] = (byName[name] ?? 0) + Number(fields[11]) + Number(fields[12]);
    } catch {
      // the thread ended
    }
  }
  return byName;
}

const dbRelative = "data/bench/diag-cache.db";
const logDir = join(root, "data", "bench", "logs");
const profileDir = join(root, "data", "bench", "diag-cache-prof");
mkdirSync(logDir, { recursive: true });
if (opts.profile) rmSync(profileDir, { recursive: true, force: true });

const [upstreamPort, tollgatePort] = [await freePort(), await freePort()];
const upstream = startProcess("fake-upstream", process.execPath, ["--import", "tsx", "e2e/fake-upstream/main.ts", "--port", String(upstreamPort), "--no-record"], {
  cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "diag-cache-upstream.log"),
});
await upstream.waitFor(/listening on/, 60_000);
const vars = {
  PORT: String(tollgatePort), HOSTNAME: "127.0.0.1", DATABASE_URL: `file:./${dbRelative}`,
  ADMIN_API_KEY: randomBytes(24).toString("hex"), TOLLGATE_SECRET: randomBytes(32).toString("hex"),
  ADMIN_EMAIL: "bench-admin@tollgate.local", ADMIN_PASSWORD: randomBytes(16).toString("hex"), LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1",
};
const env = { ...process.env, ...vars };
for (const name of ["REDIS_URL", "NODE_OPTIONS", "NODE_ENV"]) delete env[name];
freshDatabase(root, dbRelative);
const nodeArgs = [...(opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...(opts["trace-gc"] ? ["--trace-gc"] : [])];
const tollgateLog = join(logDir, "diag-cache-tollgate.log");
const tollgate = await launchTollgate({ root, launcher: "prepared", env, logFile: tollgateLog, buildNeeded: false, nodeArgs });
/** Scavenges and mark-compacts --trace-gc logged since `offset` (the log's length in characters). */
function gcEventsSince(offset) {
  const text = readFileSync(tollgateLog, "utf8").slice(offset);
  // Pause time of each event plus, for mark-compacts, the incremental marking steps before it.
  let ms = 0;
  for (const m of text.matchAll(/: (?:Scavenge|Mark-Compact)[^\n]*?MB, ([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms)?/g)) ms += Number(m[1]) + Number(m[2] ?? 0);
  return { scavenges: text.match(/: Scavenge/g)?.length ?? 0, markCompacts: text.match(/: Mark-Compact/g)?.length ?? 0, ms, end: offset + text.length };
}
const origin = `http://127.0.0.1:${tollgatePort}`;
try {
  const setup = await setupTollgate({ origin, adminKey: vars.ADMIN_API_KEY, upstreamBaseUrl: `http://127.0.0.1:${upstreamPort}/v1`, root, env });
  const target = { model: setup.model, headers: { "content-type": "application/json", authorization: `Bearer ${setup.key}` } };
  const connections = Number(opts.connections);
  const durationMs = Number(opts.duration) * 1000;
  // Unmeasured warm-up of both paths (JIT, the cache index load).
  for (const enabled of [false, true, false]) {
    await putSettings(origin, vars.ADMIN_API_KEY, enabled ? { enabled: true, mode: "exact", admission: opts.admission } : { enabled: false });
    await closedLoop({ origin, spec: missSpec(target), connections, durationMs: 3000 });
  }
  const totals = { off: { calls: 0, ticks: 0, threads: {}, scavenges: 0, markCompacts: 0, gcMs: 0, rps: 0 }, miss: { calls: 0, ticks: 0, threads: {}, scavenges: 0, markCompacts: 0, gcMs: 0, rps: 0 } };
  for (let round = 0; round < Number(opts.rounds); round++) {
    for (const mode of ["off", "miss"]) {
      await putSettings(origin, vars.ADMIN_API_KEY, mode === "off" ? { enabled: false } : { enabled: true, mode: "exact", admission: opts.admission });
      await sleep(300);
      const logStart = opts["trace-gc"] ? gcEventsSince(0).end : 0;
      const before = threadTicks(tollgate.pid);
      const result = await closedLoop({ origin, spec: missSpec(target), connections, durationMs });
      const after = threadTicks(tollgate.pid);
      // The log stream may lag by a moment; give it time before counting.
      const gc = opts["trace-gc"] ? (await sleep(200), gcEventsSince(logStart)) : { scavenges: 0, markCompacts: 0, ms: 0 };
      const stats = summarize(result);
      let ticks = 0;
      const sum = totals[mode];
      for (const [name, t] of Object.entries(after)) {
        const delta = t - (before[name] ?? 0);
        ticks += delta;
        sum.threads[name] = (sum.threads[name] ?? 0) + delta;
      }
      sum.calls += result.ok;
      sum.ticks += ticks;
      sum.rps += stats.rps;
      sum.scavenges += gc.scavenges;
      sum.markCompacts += gc.markCompacts;
      sum.gcMs += gc.ms;
      const usPerCall = (ticks / TICKS_PER_SECOND / result.ok) * 1e6;
      const gcText = opts["trace-gc"] ? `, GC per 1k calls: ${((gc.scavenges / result.ok) * 1000).toFixed(1)} scavenges, ${((gc.markCompacts / result.ok) * 1000).toFixed(2)} mark-compacts, ${((gc.ms / result.ok) * 1000).toFixed(1)} µs of GC per call` : "";
      log(`round ${round + 1} ${mode}: ${stats.rps.toFixed(0)} req/s, ${usPerCall.toFixed(0)} µs CPU per call, failed ${stats.failed}${gcText}`);
    }
  }
  for (const mode of ["off", "miss"]) {
    const { calls, ticks, threads, scavenges, markCompacts, gcMs } = totals[mode];
    const per = (t) => ((t / TICKS_PER_SECOND / calls) * 1e6).toFixed(0);
    const split = Object.entries(threads).filter(([, t]) => t > 0).sort((a, b) => b[1] - a[1]).map(([name, t]) => `${name} ${per(t)}`).join(", ");
    const gcText = opts["trace-gc"] ? `; GC per 1k calls: ${((scavenges / calls) * 1000).toFixed(1)} scavenges, ${((markCompacts / calls) * 1000).toFixed(2)} mark-compacts, ${((gcMs / calls) * 1000).toFixed(1)} µs of GC per call` : "";
    log(`${mode}: ${per(ticks)} µs CPU per call over ${calls} calls (by thread, µs: ${split})${gcText}`);
  }
  if (opts.hits) {
    await putSettings(origin, vars.ADMIN_API_KEY, { enabled: true, mode: "exact", admission: opts.admission });
    await closedLoop({ origin, spec: hitSpec(target), connections: 1, durationMs: 5000, maxRequests: 2 });
    await sleep(1000);
    await closedLoop({ origin, spec: hitSpec(target), connections, durationMs: 3000 });
    const before = threadTicks(tollgate.pid);
    const result = await closedLoop({ origin, spec: hitSpec(target), connections, durationMs });
    const after = threadTicks(tollgate.pid);
    let ticks = 0;
    for (const [name, t] of Object.entries(after)) ticks += t - (before[name] ?? 0);
    const stats = summarize(result);
    log(`hit: ${stats.rps.toFixed(0)} req/s, p50 ${stats.latency.p50.toFixed(2)} ms, ${((ticks / TICKS_PER_SECOND / result.ok) * 1e6).toFixed(0)} µs CPU per call, failed ${stats.failed}; hit / all-miss throughput ${(stats.rps / (totals.miss.rps / Number(opts.rounds))).toFixed(2)}`);
  }
  const off = totals.off.ticks / totals.off.calls;
  const miss = totals.miss.ticks / totals.miss.calls;
  log(`throughput all-miss / off: ${(totals.miss.rps / totals.off.rps).toFixed(3)} (mean of the rounds' req/s)`);
  log(`miss costs ${(((miss - off) / off) * 100).toFixed(1)} % more CPU per call than off (${(((miss - off) / TICKS_PER_SECOND) * 1e6).toFixed(0)} µs)`);
} finally {
  await tollgate.stop("SIGTERM", 10_000);
  await upstream.stop("SIGTERM", 3_000);
  killAll();
}
