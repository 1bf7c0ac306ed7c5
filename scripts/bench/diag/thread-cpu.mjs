// Where does Tollgate's CPU per JSON call go, thread by thread? Starts a fake upstream and Tollgate
// (the existing build, launcher "prepared", the bench's governance: a key under a daily quota),
// warms up, then runs closed-loop JSON windows and prints, per window, the CPU ms per call of every
// Tollgate thread that used any (utime + stime from /proc/<pid>/task/<tid>/stat), and the process's.
// Node 20 does not name its threads, so each is shown as its tid, its start order and its role when
// known: "main" (tid = pid); the others by when they started (a thread born during the load, e.g.
// the SQLite usage writer, which starts on the first flush, shows "born warm-up"). At the end, after
// a graceful stop, it checks the usage ledger: every answered call's request id must be stored.
// Per thread it also shows minor page faults and context switches (voluntary/involuntary) per call:
// a first write to fresh memory is a fault (~10 µs on the reference VM), and a thread woken per
// batch shows as voluntary switches.
//   node scripts/bench/diag/thread-cpu.mjs [--windows 3] [--seconds 10] [--connections 32] [--warmup 10]
//        [--upstream-port P] [--port P]   (fixed ports for a shared machine; default: free ones)
//        [--otlp [--sink-port P]]   tracing on: every call sampled, exported over OTLP/HTTP to
//                   scripts/bench/otlp-sink.mjs (the export thread is the one born during warm-up)
//        [--prof]   Tollgate under --cpu-prof: one profile per thread (isolate) in data/bench/thread-cpu/profile/
//                   (summarize with scripts/bench/profile-summary.mjs)
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { appendAll, closedLoop } from "../load.mjs";
import { freePort, killAll, startProcess } from "../procs.mjs";
import { setupTollgate } from "../setup.mjs";
import { freshDatabase, launchTollgate, usageRequestIds } from "../tollgate.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const { values: opts } = parseArgs({ options: {
  windows: { type: "string", default: "3" }, seconds: { type: "string", default: "10" }, connections: { type: "string", default: "32" },
  warmup: { type: "string", default: "10" }, prof: { type: "boolean", default: false }, "upstream-port": { type: "string" }, port: { type: "string" },
  otlp: { type: "boolean", default: false }, "sink-port": { type: "string" },
} });
const logDir = join(root, "data", "bench", "thread-cpu");
mkdirSync(logDir, { recursive: true });

/** Field `name` of a /proc status file (0 when absent). */
function statusField(status, name) {
  const match = new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

/**
 * utime + stime in ms of every thread of `pid`, by tid, with its start time in ticks since boot, its
 * minor faults (stat field 10) and its voluntary and involuntary context switches.
 */
function threadTimes(pid) {
  const times = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
      // f[k] is the stat file's field k + 3 (the fields after the command's closing parenthesis).
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      times.set(Number(tid), { ms: (Number(f[11]) + Number(f[12])) * 10, started: Number(f[19]), faults: Number(f[7]),
        voluntary: statusField(status, "voluntary_ctxt_switches"), involuntary: statusField(status, "nonvoluntary_ctxt_switches") });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return times;
}

const upstreamPort = Number(opts["upstream-port"] ?? (await freePort()));
const upstream = startProcess("fake-upstream", process.execPath, ["--import", "tsx", "e2e/fake-upstream/main.ts", "--port", String(upstreamPort), "--no-record"], {
  cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "fake-upstream.log"),
});
await upstream.waitFor(/listening on/, 60_000);
const port = Number(opts.port ?? (await freePort()));
const dbFile = "data/bench/thread-cpu.db";
const env = { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", DATABASE_URL: `file:./${dbFile}`,
  ADMIN_API_KEY: randomBytes(24).toString("hex"), TOLLGATE_SECRET: randomBytes(32).toString("hex"), ADMIN_EMAIL: "bench-admin@tollgate.local",
  ADMIN_PASSWORD: randomBytes(16).toString("hex"), LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" };
for (const name of ["REDIS_URL", "NODE_OPTIONS", "NODE_ENV"]) delete env[name];
freshDatabase(root, dbFile);
let sink = null;
if (opts.otlp) {
  const sinkPort = Number(opts["sink-port"] ?? (await freePort()));
  sink = startProcess("otlp-sink", process.execPath, ["scripts/bench/otlp-sink.mjs", String(sinkPort)], {
    cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "otlp-sink.log"),
  });
  await sink.waitFor(/otlp sink listening/, 30_000);
  env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${sinkPort}`;
  env.OTEL_SERVICE_NAME = "tollgate-thread-cpu";
}
const proc = await launchTollgate({ root, launcher: "prepared", env, logFile: join(logDir, "tollgate.log"), buildNeeded: false,
  nodeArgs: opts.prof ? ["--cpu-prof", `--cpu-prof-dir=${join(logDir, "profile")}`] : [] });
const origin = `http://127.0.0.1:${port}`;
const setup = await setupTollgate({ origin, adminKey: env.ADMIN_API_KEY, upstreamBaseUrl: `http://127.0.0.1:${upstreamPort}/v1`, root, env });
const PROMPT = "Summarize in one paragraph why an API gateway in front of language model providers helps a team: one key per developer, spending limits, a price list, usage per user and per model, retries and fallbacks between providers, and a single OpenAI-compatible endpoint for every application the team runs today.";
const spec = { path: "/v1/chat/completions", stream: false, headers: { "content-type": "application/json", authorization: `Bearer ${setup.key}` },
  body: JSON.stringify({ model: setup.model, messages: [{ role: "system", content: "You are a concise assistant." }, { role: "user", content: PROMPT }], max_tokens: 256 }) };
const pid = proc.pid ?? proc.child?.pid;
const connections = Number(opts.connections);

const bornIn = new Map(); // tid -> "start" | window number
for (const tid of threadTimes(pid).keys()) bornIn.set(tid, "start");
const answered = [];
try {
  answered.push(...(await closedLoop({ origin, spec, connections, durationMs: Number(opts.warmup) * 1000 })).requestIds);
  for (const tid of threadTimes(pid).keys()) if (!bornIn.has(tid)) bornIn.set(tid, "warm-up");
  for (let w = 1; w <= Number(opts.windows); w++) {
    const before = threadTimes(pid);
    const result = await closedLoop({ origin, spec, connections, durationMs: Number(opts.seconds) * 1000 });
    appendAll(answered, result.requestIds);
    // Lets the usage writer's last flush of the window land in it (flushes run every second).
    await new Promise((r) => setTimeout(r, 1100));
    const after = threadTimes(pid);
    const calls = result.ok;
    const order = [...after.keys()].sort((a, b) => after.get(a).started - after.get(b).started || a - b);
    const rows = [];
    let total = 0;
    let totalFaults = 0;
    const perCall = (v, digits = 1) => (v / calls).toFixed(digits);
    for (const tid of order) {
      if (!bornIn.has(tid)) bornIn.set(tid, `window ${w}`);
      const a = after.get(tid);
      const b = before.get(tid) ?? { ms: 0, faults: 0, voluntary: 0, involuntary: 0 };
      const ms = a.ms - b.ms;
      const faults = a.faults - b.faults;
      total += ms;
      totalFaults += faults;
      if (ms === 0 && faults === 0) continue;
      const role = tid === pid ? "main" : `#${order.indexOf(tid)} born ${bornIn.get(tid)}`;
      rows.push(`  ${String(tid).padStart(8)} ${role.padEnd(24)} ${perCall(ms * 1000).padStart(7)} µs/call` +
        `  faults ${perCall(faults, 3).padStart(6)}/call  switches ${perCall(a.voluntary - b.voluntary, 3)} vol ${perCall(a.involuntary - b.involuntary, 3)} invol /call`);
    }
    console.log(`window ${w}: ${calls} calls (${result.failed} failed), ${(calls / (result.elapsedMs / 1000)).toFixed(0)}/s, all threads ${(total / calls * 1000).toFixed(1)} µs/call, ${perCall(totalFaults, 3)} faults/call`);
    console.log(rows.join("\n"));
  }
} finally {
  await proc.stop("SIGTERM", 30_000);
  if (sink) {
    const stats = await (await fetch(`${env.OTEL_EXPORTER_OTLP_ENDPOINT}/stats`)).json();
    console.log(`otlp sink: ${stats.requests} exports, ${(stats.bytes / 1e6).toFixed(1)} MB`);
  }
  killAll();
}
const stored = usageRequestIds(join(root, dbFile));
const lost = answered.filter((id) => !stored.has(id)).length;
console.log(`usage ledger: ${answered.length} answered calls, ${stored.size} records, ${lost} answered calls without a record`);
process.exit(lost === 0 ? 0 : 1);
