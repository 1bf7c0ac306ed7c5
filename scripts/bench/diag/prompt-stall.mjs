#!/usr/bin/env node
// How much a multi-megabyte prompt under a quota holds up everyone else: the proxy alone (the same
// esbuild bundle and scripts/server.mjs as `npm start`, no Next.js, so no build is needed), two fake
// upstreams (one for the small calls, one for the large prompts, so a fake busy with 4 MB bodies does
// not slow the small calls by itself), and a key whose quota makes every call's prompt be counted.
// Small calls run at a fixed rate, first alone, then while `--big` large prompts are kept in flight;
// the proxy's own event-loop delay is read from inside it (perf_hooks.monitorEventLoopDelay plus a
// 1 ms timer for the longest stall, also counted in the thread's time on a CPU from
// /proc/thread-self/schedstat: on a busy machine the clock also counts time spent waiting for a core).
//
//   node scripts/bench/diag/prompt-stall.mjs [--kind english|random|base64|cjk|same|emoji] [--mb 4]
//        [--big 2] [--seconds 8] [--rate 100] [--port 4202] [--node-arg <flag for the proxy's node>]...
//
// Uses ports --port, --port - 1 and --port - 2 (127.0.0.1) and data/bench/prompt-stall.db. Prints one JSON line
// per phase and a summary; writes nothing else.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, readSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { openLoop, summarize } from "../load.mjs";
import { startProcess } from "../procs.mjs";
import { bigPrompt } from "../big-prompts.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const { values: opts } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    kind: { type: "string", default: "english" },
    mb: { type: "string", default: "4" },
    big: { type: "string", default: "2" },
    seconds: { type: "string", default: "8" },
    rate: { type: "string", default: "100" },
    port: { type: "string", default: "4202" },
    "node-arg": { type: "string", multiple: true, default: [] },
  },
});

/** --serve: the proxy, plus GET /__probe/loop (event-loop delay since the last read, which resets it). */
async function serve() {
  process.chdir(root);
  const { loadServerEntry } = await import("../../server-bundle.mjs");
  const entry = await loadServerEntry(root, "prompt-stall.cjs");
  // As `npm start` does: V8's heap growth (docs/decisions/010-heap-growth-and-young-generation.md).
  entry.applyHeapGrowth(entry.parseEnv(process.env).TOLLGATE_HEAP_GROWTH_PERCENT);
  // (absent before lib/tokens existed: the probe also measures older builds)
  await entry.warmTokenCounting?.();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const onCpu = cpuClock();
  let last = performance.now();
  let lastCpu = onCpu?.() ?? 0;
  let longest = 0;
  let longestBusy = 0;
  setInterval(() => {
    const now = performance.now();
    const cpu = onCpu?.() ?? 0;
    longest = Math.max(longest, now - last);
    longestBusy = Math.max(longestBusy, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  }, 1).unref();
  const probe = (req, res) => {
    if (req.url !== "/__probe/loop") return entry.handleGatewayRequest(req, res);
    const body = { maxStallMs: longest, maxBusyStallMs: onCpu ? longestBusy : null, p99Ms: histogram.percentile(99) / 1e6, maxDelayMs: histogram.max / 1e6 };
    histogram.reset();
    longest = 0;
    longestBusy = 0;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    return Promise.resolve();
  };
  const { startServer } = await import("../../server.mjs");
  await startServer({ dir: root, port: Number(process.env.PORT), hostname: "127.0.0.1", gateway: probe, next: "none", drainAndClose: entry.drainAndClose });
}

/** This thread's time on a CPU so far (ms), or null where Linux's schedstat is not there. */
function cpuClock() {
  let fd;
  try {
    fd = openSync("/proc/thread-self/schedstat", "r");
  } catch {
    return null;
  }
  const buffer = Buffer.alloc(128);
  return () => Number(buffer.toString("latin1", 0, readSync(fd, buffer, 0, buffer.length, 0)).split(" ")[0]) / 1e6;
}

async function getJson(pool, path) {
  const { body } = await pool.request({ path, method: "GET" });
  return body.json();
}

/** Keeps `count` large calls in flight until `until()` says stop; resolves their outcomes. */
async function keepBigInFlight({ origin, headers, body, count, until }) {
  const pool = new Pool(origin, { connections: count, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const outcomes = [];
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (!until()) {
        const started = performance.now();
        try {
          const { statusCode, body: answer } = await pool.request({ path: "/v1/chat/completions", method: "POST", headers, body });
          await answer.dump({ limit: Infinity });
          outcomes.push({ status: statusCode, ms: performance.now() - started });
        } catch (error) {
          outcomes.push({ status: 0, ms: performance.now() - started, error: error.code ?? error.message });
        }
      }
    }),
  );
  await pool.close();
  return outcomes;
}

async function main() {
  const port = Number(opts.port);
  const upstreamPort = port - 1;
  const logDir = join(root, "data", "bench", "logs");
  mkdirSync(logDir, { recursive: true });
  const dbRelative = "data/bench/prompt-stall.db";
  for (const suffix of ["", "-wal", "-shm"]) rmSync(join(root, dbRelative + suffix), { force: true });
  const env = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: `file:./${dbRelative}`,
    TOLLGATE_SECRET: randomBytes(32).toString("hex"),
    LOG_LEVEL: "warn",
    TOLLGATE_SEED_TIER_QUOTAS: "false",
  };
  delete env.REDIS_URL;
  execFileSync(process.execPath, ["scripts/prisma.mjs", "migrate-deploy"], { cwd: root, env, stdio: "ignore" });
  const upstreams = [upstreamPort, upstreamPort - 1].map((p) =>
    startProcess(`fake-upstream-${p}`, process.execPath, ["--import", "tsx", "e2e/fake-upstream/main.ts", "--port", String(p), "--no-record"], {
      cwd: root, env, logFile: join(logDir, `prompt-stall-upstream-${p}.log`),
    }),
  );
  await Promise.all(upstreams.map((u) => u.waitFor(/listening on/, 60_000)));
  const urls = [upstreamPort, upstreamPort - 1].map((p) => `http://127.0.0.1:${p}/v1`);
  const seeded = execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/seed-db.ts", ...urls], { cwd: root, env, encoding: "utf8" });
  const { model, key, largeModel } = JSON.parse(seeded.trim().split("\n").pop());
  const tollgate = startProcess("tollgate", process.execPath, [...opts["node-arg"], fileURLToPath(import.meta.url), "--serve"], { cwd: root, env, logFile: join(logDir, "prompt-stall-tollgate.log") });
  await tollgate.waitFor(/listening on/, 120_000);

  const origin = `http://127.0.0.1:${port}`;
  const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
  const small = {
    path: "/v1/chat/completions",
    headers,
    body: JSON.stringify({ model, max_tokens: 64, messages: [{ role: "user", content: "Summarize why a gateway in front of LLM providers helps a team, in one paragraph." }] }),
  };
  const control = new Pool(origin, { connections: 1 });
  const rate = Number(opts.rate);
  const durationMs = Number(opts.seconds) * 1000;
  const loop = { origin, spec: small, rate, connections: 32 };
  // Warm-up: loads the tokenizer (a first governed call does) and the proxy's caches.
  await openLoop({ ...loop, durationMs: 2000 });
  await getJson(control, "/__probe/loop");

  const alone = summarize(await openLoop({ ...loop, durationMs }));
  const aloneLoop = await getJson(control, "/__probe/loop");
  console.log(JSON.stringify({ phase: "small calls alone", p50: alone.latency.p50, p99: alone.latency.p99, max: alone.latency.max, failed: alone.failed, loop: aloneLoop }));

  const text = bigPrompt(opts.kind, Math.round(Number(opts.mb) * 1_000_000));
  // Encoded once (as large-prompts.mjs does): not on the load generator's loop for every call.
  const bigBody = Buffer.from(JSON.stringify({ model: largeModel, max_tokens: 16, messages: [{ role: "user", content: `[[fake:latency=200,echo-chars=64]] ${text}` }] }));
  let stop = false;
  const big = keepBigInFlight({ origin, headers, body: bigBody, count: Number(opts.big), until: () => stop });
  const during = summarize(await openLoop({ ...loop, durationMs }));
  stop = true;
  const duringLoop = await getJson(control, "/__probe/loop");
  const bigOutcomes = await big;
  console.log(JSON.stringify({ phase: `small calls with ${opts.big} × ${opts.mb} MB (${opts.kind}) in flight`, p50: during.latency.p50, p99: during.latency.p99, max: during.latency.max, failed: during.failed, loop: duringLoop }));
  const statuses = {};
  for (const o of bigOutcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  const bigMs = bigOutcomes.map((o) => o.ms).sort((a, b) => a - b);
  console.log(JSON.stringify({ phase: "large calls", count: bigOutcomes.length, statuses, msMin: bigMs[0], msMax: bigMs.at(-1) }));
  console.log(
    `\nadded p99 of small calls: ${(during.latency.p99 - alone.latency.p99).toFixed(1)} ms (target < 20 ms); ` +
      `longest event-loop stall in the proxy: ${duringLoop.maxStallMs.toFixed(1)} ms (alone: ${aloneLoop.maxStallMs.toFixed(1)} ms)` +
      (duringLoop.maxBusyStallMs == null ? "" : `, on a CPU: ${duringLoop.maxBusyStallMs.toFixed(1)} ms (alone: ${aloneLoop.maxBusyStallMs.toFixed(1)} ms)`),
  );
  await control.close();
  await Promise.all([tollgate.stop("SIGTERM", 10_000), ...upstreams.map((u) => u.stop("SIGTERM", 5_000))]);
}

if (opts.serve) await serve();
else
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
