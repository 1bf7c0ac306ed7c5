// What a cache miss costs Tollgate, against the cache turned off (issue 15's "all-miss within 10 %
// of cache off"): CPU time per call of the whole Tollgate process (every thread, from /proc, so the
// cache writer's thread counts), split by thread name (Node's worker threads are all named "node"
// like the main thread, so that split only tells them from libuv's and V8's own threads), on the
// same prepared build, with cache off and all-miss closed loops alternating. CPU per call is less
// noisy on the shared machine than throughput, but cache off itself still moved by 15 % between two
// runs there (decision 013). Needs an existing build (npm run build); the fake upstream runs alongside.
//
//   node scripts/bench/diag/cache-miss-cpu.mjs [--rounds 3] [--duration 8] [--connections 32] [--profile]
//
// --profile adds --cpu-prof to Tollgate (profiles in data/bench/diag-cache-prof; summarize them with
// scripts/bench/profile-summary.mjs). Run under `flock /tmp/tollgate-bench.lock`.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { missSpec, putSettings } from "../cache.mjs";
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
  },
});
const log = (msg) => console.log(`[cache-miss-cpu] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TICKS_PER_SECOND = 100;

/** CPU ticks (user + system) of every thread of `pid`, by thread name. */
function threadTicks(pid) {
  const byName = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
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
const nodeArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
const tollgate = await launchTollgate({ root, launcher: "prepared", env, logFile: join(logDir, "diag-cache-tollgate.log"), buildNeeded: false, nodeArgs });
const origin = `http://127.0.0.1:${tollgatePort}`;
try {
  const setup = await setupTollgate({ origin, adminKey: vars.ADMIN_API_KEY, upstreamBaseUrl: `http://127.0.0.1:${upstreamPort}/v1`, root, env });
  const target = { model: setup.model, headers: { "content-type": "application/json", authorization: `Bearer ${setup.key}` } };
  const connections = Number(opts.connections);
  const durationMs = Number(opts.duration) * 1000;
  // Unmeasured warm-up of both paths (JIT, the cache index load).
  for (const enabled of [false, true, false]) {
    await putSettings(origin, vars.ADMIN_API_KEY, enabled ? { enabled: true, mode: "exact" } : { enabled: false });
    await closedLoop({ origin, spec: missSpec(target), connections, durationMs: 3000 });
  }
  const totals = { off: { calls: 0, ticks: 0, threads: {} }, miss: { calls: 0, ticks: 0, threads: {} } };
  for (let round = 0; round < Number(opts.rounds); round++) {
    for (const mode of ["off", "miss"]) {
      await putSettings(origin, vars.ADMIN_API_KEY, mode === "off" ? { enabled: false } : { enabled: true, mode: "exact" });
      await sleep(300);
      const before = threadTicks(tollgate.pid);
      const result = await closedLoop({ origin, spec: missSpec(target), connections, durationMs });
      const after = threadTicks(tollgate.pid);
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
      const usPerCall = (ticks / TICKS_PER_SECOND / result.ok) * 1e6;
      log(`round ${round + 1} ${mode}: ${stats.rps.toFixed(0)} req/s, ${usPerCall.toFixed(0)} µs CPU per call, failed ${stats.failed}`);
    }
  }
  for (const mode of ["off", "miss"]) {
    const { calls, ticks, threads } = totals[mode];
    const per = (t) => ((t / TICKS_PER_SECOND / calls) * 1e6).toFixed(0);
    const split = Object.entries(threads).filter(([, t]) => t > 0).sort((a, b) => b[1] - a[1]).map(([name, t]) => `${name} ${per(t)}`).join(", ");
    log(`${mode}: ${per(ticks)} µs CPU per call over ${calls} calls (by thread, µs: ${split})`);
  }
  const off = totals.off.ticks / totals.off.calls;
  const miss = totals.miss.ticks / totals.miss.calls;
  log(`miss costs ${(((miss - off) / off) * 100).toFixed(1)} % more CPU per call than off (${(((miss - off) / TICKS_PER_SECOND) * 1e6).toFixed(0)} µs)`);
} finally {
  await tollgate.stop("SIGTERM", 10_000);
  await upstream.stop("SIGTERM", 3_000);
  killAll();
}
