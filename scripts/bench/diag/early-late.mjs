// Does the same Tollgate process serve the same JSON call more cheaply later in its life, and why?
// Starts a fake upstream and Tollgate (the existing build, `--trace-gc`), then runs closed-loop JSON
// windows before and after a burst of 4 MB prompts, and prints per window: calls, the proxy thread's
// CPU ms per call (/proc task stat of the main thread), the whole process's, and V8's collections per
// 1,000 calls per isolate from the --trace-gc log. Counts do not depend on machine load; times do.
//   node scripts/bench/diag/early-late.mjs [--windows 5] [--seconds 10] [--connections 32] [--burst 8] [--prof]
// With --prof, Tollgate runs under --cpu-prof (data/bench/early-late/profile/; summarize with
// scripts/bench/profile-summary.mjs). With --alloc all|survivors, V8's sampling heap profile of each
// window (scripts/bench/diag/alloc-profile.mjs) into data/bench/early-late/alloc/<n>.heapprofile.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bigPrompt } from "../big-prompts.mjs";
import { closedLoop } from "../load.mjs";
import { freePort, killAll, startProcess } from "../procs.mjs";
import { setupTollgate } from "../setup.mjs";
import { freshDatabase, launchTollgate } from "../tollgate.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const { values: opts } = parseArgs({ options: {
  windows: { type: "string", default: "5" }, seconds: { type: "string", default: "10" },
  connections: { type: "string", default: "32" }, burst: { type: "string", default: "8" }, steady: { type: "string", default: "30" }, prof: { type: "boolean", default: false }, alloc: { type: "string" },
} });
const logDir = join(root, "data", "bench", "early-late");
mkdirSync(logDir, { recursive: true });
const switches = (path) => { const s = readFileSync(path, "utf8"); return [/voluntary_ctxt_switches:\s+(\d+)/, /nonvoluntary_ctxt_switches:\s+(\d+)/].map((re) => Number(s.match(re)[1])); };
const ticks = (path) => { const s = readFileSync(path, "utf8"); const f = s.slice(s.lastIndexOf(")") + 2).split(" "); return Number(f[11]) + Number(f[12]); };

const upstreamPort = await freePort();
const upstream = startProcess("fake-upstream", process.execPath, ["--import", "tsx", "e2e/fake-upstream/main.ts", "--port", String(upstreamPort), "--no-record"], {
  cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "fake-upstream.log"),
});
await upstream.waitFor(/listening on/, 60_000);
const port = await freePort();
const env = { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", DATABASE_URL: "file:./data/bench/early-late.db",
  ADMIN_API_KEY: randomBytes(24).toString("hex"), TOLLGATE_SECRET: randomBytes(32).toString("hex"), ADMIN_EMAIL: "bench-admin@tollgate.local",
  ADMIN_PASSWORD: randomBytes(16).toString("hex"), LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" };
for (const name of ["REDIS_URL", "NODE_OPTIONS", "NODE_ENV"]) delete env[name];
if (opts.alloc) Object.assign(env, { TOLLGATE_ALLOC_DIR: join(logDir, "alloc"), TOLLGATE_ALLOC_SURVIVORS: opts.alloc === "survivors" ? "1" : "0" });
freshDatabase(root, "data/bench/early-late.db");
const logFile = join(logDir, "tollgate.log");
const proc = await launchTollgate({ root, launcher: "prepared", env, logFile, buildNeeded: false, nodeArgs: ["--trace-gc", ...(opts.prof ? ["--cpu-prof", `--cpu-prof-dir=${join(logDir, "profile")}`] : []), ...(opts.alloc ? ["--import", pathToFileURL(join(root, "scripts/bench/diag/alloc-profile.mjs")).href] : [])] });
const origin = `http://127.0.0.1:${port}`;
const setup = await setupTollgate({ origin, adminKey: env.ADMIN_API_KEY, upstreamBaseUrl: `http://127.0.0.1:${upstreamPort}/v1`, root, env });
const headers = { "content-type": "application/json", authorization: `Bearer ${setup.key}` };
const PROMPT = "Summarize in one paragraph why an API gateway in front of language model providers helps a team: one key per developer, spending limits, a price list, usage per user and per model, retries and fallbacks between providers, and a single OpenAI-compatible endpoint for every application the team runs today.";
const body = (stream) => JSON.stringify({ model: setup.model, messages: [{ role: "system", content: "You are a concise assistant." }, { role: "user", content: PROMPT }], max_tokens: 256, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) });
const spec = (stream) => ({ path: "/v1/chat/completions", stream, headers, body: body(stream) });
const pid = proc.pid ?? proc.child?.pid;
const connections = Number(opts.connections);

function gcCounts() {
  const counts = new Map();
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    const m = line.match(/^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^,]*, ([\d.]+) \/ ([\d.]+) ms/);
    if (!m) continue;
    const key = `${m[1]} ${m[2]}`;
    const c = counts.get(key) ?? { n: 0, ms: 0 };
    c.n += 1; c.ms += Number(m[3]);
    counts.set(key, c);
  }
  return counts;
}

async function window(label) {
  const gc0 = gcCounts(); const main0 = ticks(`/proc/${pid}/task/${pid}/stat`); const all0 = ticks(`/proc/${pid}/stat`); const t0 = Date.now(); const sw0 = switches(`/proc/${pid}/task/${pid}/status`);
  if (opts.alloc) process.kill(pid, "SIGUSR2");
  const result = await closedLoop({ origin, spec: spec(false), connections, durationMs: Number(opts.seconds) * 1000 });
  if (opts.alloc) process.kill(pid, "SIGUSR2");
  const seconds = (Date.now() - t0) / 1000; const calls = result.ok ?? result.requestIds.length;
  const main = (ticks(`/proc/${pid}/task/${pid}/stat`) - main0) * 10 / calls; const all = (ticks(`/proc/${pid}/stat`) - all0) * 10 / calls;
  const sw1 = switches(`/proc/${pid}/task/${pid}/status`);
  const gc1 = gcCounts(); const parts = [`main thread switches per call: ${((sw1[0] - sw0[0]) / calls).toFixed(3)} voluntary, ${((sw1[1] - sw0[1]) / calls).toFixed(3)} involuntary`];
  for (const [key, c] of gc1) { const before = gc0.get(key) ?? { n: 0, ms: 0 }; const n = c.n - before.n; if (n) parts.push(`${key}: ${(n * 1000 / calls).toFixed(2)}/1k calls, ${((c.ms - before.ms) / calls * 1000).toFixed(1)} µs/call`); }
  console.log(`${label}: ${calls} calls ${(calls / seconds).toFixed(0)}/s · main thread ${main.toFixed(3)} ms/call · process ${all.toFixed(3)} ms/call · ${parts.join(" · ")}`);
}

try {
  const steady = Number(opts.steady) * 1000 / 2;
  await closedLoop({ origin, spec: spec(false), connections, durationMs: steady });
  await closedLoop({ origin, spec: spec(true), connections, durationMs: steady });
  for (let i = 1; i <= Number(opts.windows); i++) await window(`early ${i}`);
  const big = JSON.stringify({ model: setup.model, messages: [{ role: "user", content: bigPrompt("english", 4_000_000) + " [[fake:echo-chars=64]]" }], max_tokens: 16 });
  for (let i = 0; i < Number(opts.burst); i++) await closedLoop({ origin, spec: { path: "/v1/chat/completions", stream: false, headers, body: big }, connections: 1, durationMs: 60_000, maxRequests: 1 });
  console.log(`sent ${opts.burst} × 4 MB prompts`);
  for (let i = 1; i <= Number(opts.windows); i++) await window(`late ${i}`);
} finally {
  await proc.stop("SIGTERM", 30_000); // lets --cpu-prof write its profile
  killAll();
}
process.exit(0);
