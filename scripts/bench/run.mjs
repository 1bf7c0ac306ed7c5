#!/usr/bin/env node
// `npm run bench`: the fake upstream directly vs through Tollgate vs through Portkey's gateway, on
// 127.0.0.1, JSON and SSE; closed loop at N connections and open loop at a fixed rate; then a
// SIGTERM to Tollgate and a check that every successful call left exactly one UsageRecord.
// Writes the results into docs/benchmarks.md. Options: see `--help`.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { busyProcesses, cpuMeter } from "./cpu.mjs";
import { runLargePromptScenario } from "./large-prompts.mjs";
import { appendAll, closedLoop, openLoop, summarize } from "./load.mjs";
import { describeStalls, readDiagEvents, summarizeStalls } from "./diag/stalls.mjs";
import { ensureOwnGcFlags } from "./own-gc-flags.mjs";
import { freePort, killAll, startProcess } from "./procs.mjs";
import { DOC_TEMPLATE, consoleSummary, writeReport } from "./report.mjs";
import { setupTollgate } from "./setup.mjs";
import { runCacheScenario } from "./cache.mjs";
import { runRoutingScenario } from "./routing.mjs";
import { runTenMillionScenario } from "./ten-million.mjs";
import { runTracingScenario } from "./tracing.mjs";
import { freshDatabase, launchTollgate, npmStartArgs, usageRequestIds } from "./tollgate.mjs";

await ensureOwnGcFlags(fileURLToPath(import.meta.url));
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values: opts } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    steady: { type: "string", default: "30" },
    "json-rounds": { type: "string", default: "4" },
    connections: { type: "string", default: "64" },
    rate: { type: "string", default: "500" },
    "rate-duration": { type: "string", default: "15" },
    "low-rate": { type: "string", default: "100" },
    launcher: { type: "string", default: "start" },
    quick: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    floor: { type: "boolean", default: false },
    "rate-only": { type: "boolean", default: false },
    "large-prompts": { type: "boolean", default: false },
    routing: { type: "boolean", default: false },
    tracing: { type: "boolean", default: false },
    "ten-million": { type: "boolean", default: false },
    "no-ten-million": { type: "boolean", default: false },
    "scale-records": { type: "string", default: "10000000" },
    "postgres-url": { type: "string", default: process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
    "keep-db": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    "node-arg": { type: "string", multiple: true, default: [] },
    diag: { type: "boolean", default: false },
    alloc: { type: "boolean", default: false },
    survivors: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (opts.help) {
  console.log(`usage: npm run bench -- [--duration s] [--warmup s] [--connections n] [--rate r] [--rate-duration s]
                       [--low-rate r] [--launcher start|prepared] [--quick] [--profile] [--no-write]
                       [--node-arg <flag>]... [--diag] [--alloc [--survivors]] [--large-prompts]
  defaults: 10 s closed-loop runs after 3 s warm-up, 64 connections, 500 req/s and 100 req/s (0 = skip)
            for 15 s each
  --steady s           before the measured closed loops, every gateway gets the same s seconds of unmeasured
                       load (half JSON, half streamed; default 30), so that runs compare warmed processes
  --json-rounds n      closed-loop JSON runs per gateway, alternating between the gateways; each keeps its
                       fastest (default 4; the ratio against Portkey is a target)
  --launcher prepared  skip scripts/start.mjs: migrate, then serve the existing .next build (development aid)
  --quick              2 s runs, to check that everything works (results are not written)
  --rate-only          only the open loop at --rate (direct and Tollgate, after a closed-loop warm-up of
                       Tollgate as long as the full run's); writes nothing. For iterating on the p99.
  --large-prompts      only the large-prompt scenario (scripts/bench/large-prompts.mjs: small calls at --rate
                       alone, then with two 4 MB prompts in flight); writes nothing. The full run includes it.
  --routing            only the routing scenario (scripts/bench/routing.mjs: one deployment, two healthy, one of
                       two failing every call); writes nothing. The full run includes it.
  --tracing            only the tracing scenario (scripts/bench/tracing.mjs: JSON closed loop through a second
                       Tollgate exporting to a local OTLP receiver, its calls untraced and traced (a sampled
                       traceparent) alternating, and through the run's own for information); writes nothing.
                       The full run includes it.
  --ten-million        only the scale scenario (scripts/bench/ten-million.mjs: 10 million usage records generated in
                       PostgreSQL, the console's read endpoints timed); writes its own section of docs/benchmarks.md.
                       The full run includes it (about 15 minutes on 2 cores) unless --no-ten-million.
  --scale-records n    records for the scale scenario (default 10000000); anything else writes nothing
  --postgres-url url   the PostgreSQL server for it (default $BENCH_POSTGRES_URL or postgres@127.0.0.1:5432);
                       it creates and drops the database tollgate_scale there
  --keep-db            keep tollgate_scale after the run: the next run with the same --scale-records reuses it
  --floor              also measure scripts/bench/floor-proxy.mjs, a minimal Node proxy (what the machine allows)
  --profile            run Tollgate under node --cpu-prof (data/bench/profile/); results are not written,
                       summarize with: node scripts/bench/profile-summary.mjs data/bench/profile/<file>
  --node-arg <flag>    an extra node/V8 flag for Tollgate (repeatable), e.g. --node-arg=--trace-gc; the
                       results are not written, since that is no longer what \`npm start\` runs
  --diag               after each open-loop run, what overlapped the slow requests: Tollgate's GC pauses
                       and event-loop stalls (scripts/bench/diag/loop-stalls.mjs, preloaded); writes nothing
  --alloc              every allocation of Tollgate's main thread during each measured open-loop run and
                       each phase of the large-prompt scenario
                       (scripts/bench/diag/alloc-profile.mjs, preloaded) into data/bench/alloc/; summarize
                       with: node scripts/bench/diag/alloc-summary.mjs <file> --calls <n>; writes nothing
  --alloc --survivors  only what survived a scavenge (what the young generation promotes)`);
  process.exit(0);
}
if (opts.survivors && !opts.alloc) {
  console.error("[bench] --survivors only narrows --alloc: add --alloc");
  process.exit(2);
}
/** node's --import for one of the diagnostic preloads in scripts/bench/diag/. */
const diagPreload = (file) => `--import=${pathToFileURL(join(root, "scripts", "bench", "diag", file)).href}`;
const config = {
  duration: opts.quick ? 2 : Number(opts.duration),
  warmup: opts.quick ? 1 : Number(opts.warmup),
  steady: opts.quick ? 2 : Number(opts.steady),
  jsonRounds: opts.quick ? 1 : Math.max(1, Number(opts["json-rounds"])),
  connections: Number(opts.connections),
  rate: Number(opts.rate),
  rateDuration: opts.quick ? 3 : Number(opts["rate-duration"]),
  lowRate: Number(opts["low-rate"]),
};
const write = !opts["no-write"] && !opts.quick && !opts.profile && !opts["rate-only"] && !opts["large-prompts"] && !opts.routing && !opts.tracing && opts["node-arg"].length === 0 && !opts.diag && !opts.alloc;
/** the large-prompt scenario alone: no closed or open loops, no cache scenario */
const onlyLargePrompts = opts["large-prompts"];
/** the routing scenario alone (scripts/bench/routing.mjs) */
const onlyRouting = opts.routing;
/** the tracing scenario alone (scripts/bench/tracing.mjs) */
const onlyTracing = opts.tracing;
const withLargePrompts = !opts["rate-only"] && !onlyRouting && !onlyTracing;
/** the full run includes the scale scenario (scripts/bench/ten-million.mjs) */
const withScale = !opts["no-ten-million"] && !opts.quick && !opts["rate-only"] && !onlyLargePrompts && !onlyRouting && !onlyTracing && !opts.profile && !opts.diag && !opts.alloc;
const diagFile = join(root, "data", "bench", "diag-events.jsonl");
const profileDir = join(root, "data", "bench", "profile");
const allocDir = join(root, "data", "bench", "alloc");
const logDir = join(root, "data", "bench", "logs");
const dbRelative = "data/bench/bench.db";
const log = (msg) => console.log(`[bench] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PROMPT =
  "Summarize in one paragraph why an API gateway in front of language model providers helps a team: one key per " +
  "developer, spending limits, a price list, usage per user and per model, retries and fallbacks between providers, " +
  "and a single OpenAI-compatible endpoint for every application the team runs today.";

function chatBody(model, stream) {
  return JSON.stringify({
    model,
    messages: [
      { role: "system", content: "You are a concise assistant." },
      { role: "user", content: PROMPT },
    ],
    max_tokens: 256,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

function spec(target, stream) {
  return { path: "/v1/chat/completions", stream, headers: target.headers, body: chatBody(target.model, stream) };
}

/** The scale scenario (scripts/bench/ten-million.mjs); its section of docs/benchmarks.md is written for the default 10 million records only. */
async function runScale({ launcher }) {
  const records = Number(opts["scale-records"]);
  const { isBuildCurrent } = await import("../build-state.mjs");
  const buildNeeded = launcher === "start" && !isBuildCurrent(root);
  if (buildNeeded) log("Tollgate's sources changed since the last build: scripts/start.mjs builds first (minutes on 2 cores)…");
  return runTenMillionScenario({
    root, postgresUrl: opts["postgres-url"], records, launcher, buildNeeded, keepDb: opts["keep-db"], logDir, log,
    write: !opts["no-write"] && records === 10_000_000,
  });
}

async function main() {
  mkdirSync(logDir, { recursive: true });
  if (opts["ten-million"]) {
    const scale = await runScale({ launcher: opts.launcher });
    writeFileSync(join(root, "data", "bench", "scale-results.json"), JSON.stringify(scale, null, 2));
    return;
  }
  const machine = {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model?.trim() ?? "unknown",
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadBefore: os.loadavg(),
  };
  const started = Date.now();
  const describe = (list) => list.map((p) => `${p.name} (${p.cores.toFixed(2)} cores)`).join("; ") || "nothing above 0.05 cores";
  machine.busyBefore = describe(await busyProcesses(2000));
  log(`${machine.nproc} CPUs, Node ${machine.node}, load average ${machine.loadBefore.map((l) => l.toFixed(2)).join(" ")}`);
  log(`busy before the start: ${machine.busyBefore}`);

  // --- processes -------------------------------------------------------------------------------
  const [upstreamPort, tollgatePort, portkeyPort] = [await freePort(), await freePort(), await freePort()];
  const upstream = startProcess("fake-upstream", process.execPath, ["--import", "tsx", "e2e/fake-upstream/main.ts", "--port", String(upstreamPort), "--no-record"], {
    cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "fake-upstream.log"),
  });
  const portkey = startProcess("portkey", process.execPath, [
    "--import", "./scripts/bench/portkey-shim.mjs", "node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${portkeyPort}`, "--headless",
  ], { cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "portkey.log") });
  const floorPort = opts.floor ? await freePort() : null;
  const floor = opts.floor
    ? startProcess("floor", process.execPath, ["scripts/bench/floor-proxy.mjs"], {
        cwd: root, env: { ...process.env, PORT: String(floorPort), UPSTREAM: `http://127.0.0.1:${upstreamPort}` }, logFile: join(logDir, "floor.log"),
      })
    : null;
  // The large-prompt scenario's own upstream (scripts/bench/large-prompts.mjs says why).
  const largeUpstreamPort = withLargePrompts ? await freePort() : null;
  const largeUpstream = withLargePrompts
    ? startProcess("fake-upstream-large", process.execPath, ["--import", "tsx", "e2e/fake-upstream/main.ts", "--port", String(largeUpstreamPort), "--no-record"], {
        cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "fake-upstream-large.log"),
      })
    : null;
  await upstream.waitFor(/listening on/, 60_000);
  await largeUpstream?.waitFor(/listening on/, 60_000);
  await portkey.waitFor(/Ready for connections/, 60_000);
  await floor?.waitFor(/floor proxy listening/, 30_000);
  log(`fake upstream on :${upstreamPort}, Portkey on :${portkeyPort}`);

  const { isBuildCurrent } = await import("../build-state.mjs");
  const buildNeeded = opts.launcher === "start" && !isBuildCurrent(root);
  if (buildNeeded) log("Tollgate's sources changed since the last build: scripts/start.mjs builds first (minutes on 2 cores)…");
  const tollgateVars = {
    PORT: String(tollgatePort),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: `file:./${dbRelative}`,
    ADMIN_API_KEY: randomBytes(24).toString("hex"),
    TOLLGATE_SECRET: randomBytes(32).toString("hex"),
    ADMIN_EMAIL: "bench-admin@tollgate.local",
    ADMIN_PASSWORD: randomBytes(16).toString("hex"),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const baseEnv = { ...process.env };
  for (const name of ["REDIS_URL", "NODE_OPTIONS", "NODE_ENV"]) delete baseEnv[name];
  const tollgateEnv = {
    ...baseEnv, ...tollgateVars,
    ...(opts.diag ? { TOLLGATE_DIAG_FILE: diagFile } : {}),
    ...(opts.alloc ? { TOLLGATE_ALLOC_DIR: allocDir, TOLLGATE_ALLOC_SURVIVORS: opts.survivors ? "1" : "0" } : {}),
  };
  if (opts.diag) rmSync(diagFile, { force: true });
  if (opts.alloc) rmSync(allocDir, { recursive: true, force: true });
  const tollgateOrigin = `http://127.0.0.1:${tollgatePort}`;
  const upstreamOrigin = `http://127.0.0.1:${upstreamPort}`;
  const startCommand = `node ${npmStartArgs(root).join(" ")}`;
  const tollgateInfo = { launcher: opts.launcher === "start" ? `${startCommand} (what \`npm start\` runs)` : "scripts/bench/serve-prepared.mjs (--launcher prepared)", notes: [] };
  const tollgateIds = []; // every x-request-id of a successful call through Tollgate

  const nodeArgs = [
    ...(opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...(opts.diag ? [diagPreload("loop-stalls.mjs")] : []),
    ...(opts.alloc ? [diagPreload("alloc-profile.mjs")] : []),
    ...opts["node-arg"],
  ];
  let tollgateLauncher = opts.launcher;
  const bringUp = async (launcher, logName) => {
    freshDatabase(root, dbRelative);
    const proc = await launchTollgate({ root, launcher, env: tollgateEnv, logFile: join(logDir, logName), buildNeeded, nodeArgs });
    const setup = await setupTollgate({
      origin: tollgateOrigin, adminKey: tollgateVars.ADMIN_API_KEY, upstreamBaseUrl: `${upstreamOrigin}/v1`, root, env: tollgateEnv,
      largeUpstreamBaseUrl: largeUpstream ? `http://127.0.0.1:${largeUpstreamPort}/v1` : undefined,
    });
    const target = { name: "tollgate", origin: tollgateOrigin, model: setup.model, headers: { "content-type": "application/json", authorization: `Bearer ${setup.key}` } };
    const problems = [];
    for (const stream of [false, true]) {
      const smoke = await closedLoop({ origin: tollgateOrigin, spec: spec(target, stream), connections: 1, durationMs: 30_000, maxRequests: 1 });
      appendAll(tollgateIds, smoke.requestIds);
      if (smoke.failed) problems.push(`${stream ? "stream" : "JSON"}: ${Object.keys(smoke.errors).join(", ")}`);
    }
    return { proc, setup, target, problems };
  };

  let tg = await bringUp(opts.launcher, "tollgate.log");
  if (tg.problems.length && opts.launcher === "start") {
    const serverError = (tg.proc.output().match(/⨯ .*(?:\n\s+at .*)?/g) ?? []).at(-1) ?? "(nothing in the log)";
    const note =
      `The process started by scripts/start.mjs answered the proxy with errors (${tg.problems.join("; ")}); its log says: ` +
      `\`${serverError.replace(/\s+/g, " ").trim()}\`. The benchmark restarted Tollgate on the same build and a fresh ` +
      "database with scripts/bench/serve-prepared.mjs (migrations + scripts/server.mjs, no bootstrap in the serving process).";
    log(note);
    tollgateInfo.notes.push(note);
    tollgateInfo.launcher = `${startCommand} (build, migrations), then scripts/bench/serve-prepared.mjs (serving, same V8 flags)`;
    await tg.proc.stop("SIGKILL", 1_000);
    tollgateIds.length = 0;
    tollgateLauncher = "prepared";
    tg = await bringUp("prepared", "tollgate-prepared.log");
  }
  if (tg.problems.length) throw new Error(`Tollgate does not proxy: ${tg.problems.join("; ")}; see ${logDir}`);
  tollgateInfo.setupVia = tg.setup.via;
  if (tg.setup.adminApiError) tollgateInfo.notes.push(`The admin API failed (${tg.setup.adminApiError.slice(0, 200)}), so setup went through the database.`);
  log(`Tollgate on :${tollgatePort} (${tollgateInfo.launcher}), set up via ${tg.setup.via}`);

  // --- measurements (bounded: every loop stops by time; a watchdog stops everything) ------------
  const watchdog = setTimeout(() => {
    console.error("[bench] the measurements took longer than 18 minutes; stopping");
    killAll();
    process.exit(1);
  }, 18 * 60_000);
  const targets = {
    direct: { name: "direct", origin: upstreamOrigin, model: "gpt-4o-mini", headers: { "content-type": "application/json", authorization: "Bearer sk-bench" } },
    tollgate: tg.target,
    portkey: {
      name: "portkey",
      origin: `http://127.0.0.1:${portkeyPort}`,
      model: "gpt-4o-mini",
      headers: {
        "content-type": "application/json",
        authorization: "Bearer sk-bench",
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": `${upstreamOrigin}/v1`,
      },
    },
  };
  if (floor) targets.floor = { name: "floor", origin: `http://127.0.0.1:${floorPort}`, model: "gpt-4o-mini", headers: targets.direct.headers };
  const pids = {
    bench: process.pid, upstream: upstream.pid, tollgate: tg.proc.pid, portkey: portkey.pid,
    ...(floor ? { floor: floor.pid } : {}), ...(largeUpstream ? { largeUpstream: largeUpstream.pid } : {}),
  };
  const gateways = ["tollgate", "portkey", ...(floor ? ["floor"] : [])];
  const keepIds = (target, result) => {
    if (target.name === "tollgate") appendAll(tollgateIds, result.requestIds);
  };

  const closed = [];
  if (opts["rate-only"]) {
    // The same load on Tollgate as the full run's closed loops (heap, database size), unmeasured.
    for (const stream of [false, true]) {
      const s = spec(targets.tollgate, stream);
      keepIds(targets.tollgate, await closedLoop({ origin: tollgateOrigin, spec: s, connections: config.connections, durationMs: (config.warmup + config.duration) * 1000 }));
    }
  }
  const onlyOther = onlyLargePrompts || onlyRouting || onlyTracing;
  if (!opts["rate-only"] && !onlyOther) {
    // A freshly started Node.js gateway is slower at first (JIT tiers, heap sizing, its caches): every
    // gateway gets the same unmeasured load before its first measured run, so the closed loops compare
    // processes that have been running, not the first seconds of one.
    for (const name of gateways) {
      for (const stream of [false, true]) {
        const target = targets[name];
        keepIds(target, await closedLoop({ origin: target.origin, spec: spec(target, stream), connections: config.connections, durationMs: (config.steady * 1000) / 2 }));
      }
    }
  }
  for (const mode of opts["rate-only"] || onlyOther ? [] : ["json", "stream"]) {
    // JSON throughput is a target against Portkey's: the gateways run --json-rounds times there,
    // alternating, and each keeps its fastest run. On this shared virtual machine the same process
    // doing the same work costs up to 1.5× the CPU per call from one 8 s window to the next
    // (scripts/bench/diag/early-late.mjs; docs/benchmarks.md, "Variance"), so one or two runs per side
    // can land a slow stretch on one side only.
    const jsonOrder = ["direct", ...Array.from({ length: config.jsonRounds }, () => gateways).flat()];
    for (const name of mode === "json" ? jsonOrder : ["direct", ...gateways]) {
      const target = targets[name];
      const s = spec(target, mode === "stream");
      keepIds(target, await closedLoop({ origin: target.origin, spec: s, connections: config.connections, durationMs: config.warmup * 1000 }));
      await sleep(500);
      const meter = cpuMeter(pids);
      const result = await closedLoop({ origin: target.origin, spec: s, connections: config.connections, durationMs: config.duration * 1000 });
      const cpu = meter.end();
      keepIds(target, result);
      const run = { target: name, mode, stats: summarize(result), cpu };
      const earlier = closed.findIndex((r) => r.target === name && r.mode === mode);
      if (earlier < 0) closed.push(run);
      // A run with failures always counts (a failure is never noise); otherwise the faster one.
      else if (run.stats.failed > 0 || (closed[earlier].stats.failed === 0 && run.stats.rps > closed[earlier].stats.rps)) closed[earlier] = run;
      log(`closed ${name} ${mode}: ${run.stats.rps.toFixed(0)} req/s, p50 ${run.stats.latency.p50.toFixed(2)} ms, p99 ${run.stats.latency.p99.toFixed(2)} ms, failed ${run.stats.failed}`);
      await sleep(1000);
    }
  }

  // The target rate (direct vs Tollgate, as the targets are defined), then a low rate every
  // gateway sustains on a small machine, so "added latency" is also known below saturation.
  const open = [];
  let allocWindows = 0;
  const plans = onlyOther
    ? []
    : [
        { rate: config.rate, names: ["direct", "tollgate", ...(floor ? ["floor"] : [])] },
        ...(config.lowRate > 0 && !opts["rate-only"] ? [{ rate: config.lowRate, names: ["direct", ...gateways] }] : []),
      ];
  for (const { rate, names } of plans) {
    for (const mode of ["json", "stream"]) {
      for (const name of names) {
        const target = targets[name];
        const s = spec(target, mode === "stream");
        const base = { origin: target.origin, spec: s, rate, connections: config.connections, trace: opts.diag };
        keepIds(target, await openLoop({ ...base, durationMs: 2000 }));
        // --alloc: one allocation window per measured Tollgate run (SIGUSR2 starts and ends it).
        const allocWindow = opts.alloc && name === "tollgate";
        if (allocWindow) process.kill(tg.proc.pid, "SIGUSR2");
        const meter = cpuMeter(pids);
        const result = await openLoop({ ...base, durationMs: config.rateDuration * 1000 });
        const cpu = meter.end();
        if (allocWindow) {
          process.kill(tg.proc.pid, "SIGUSR2");
          allocWindows += 1;
          log(`  alloc window ${allocWindows} (${mode}, ${result.requestIds.length} successful calls): ${join(allocDir, `${allocWindows}.heapprofile`)}`);
        }
        keepIds(target, result);
        const run = { target: name, mode, rate, stats: summarize(result), cpu };
        open.push(run);
        log(
          `open ${rate}/s ${name} ${mode}: p50 ${run.stats.latency.p50.toFixed(2)} ms, p99 ${run.stats.latency.p99.toFixed(2)} ms, ` +
            `failed ${run.stats.failed}${run.stats.saturated ? ", could not sustain the rate" : ""}`,
        );
        await sleep(1000);
        // The direct runs show the machine's own noise: Tollgate is idle then, yet still stalls.
        if (opts.diag) log(`  diag ${name} ${mode}: ${describeStalls(summarizeStalls(result.trace, readDiagEvents(diagFile)))}`);
      }
    }
  }
  // The response cache's scenario (scripts/bench/cache.mjs): off / all-miss / all-hit on the same process.
  const cache = opts["rate-only"] || onlyOther
    ? null
    : await runCacheScenario({ origin: tollgateOrigin, adminKey: tollgateVars.ADMIN_API_KEY, targets, config, keepIds, log, sleep });
  // One deployment, two healthy, one of two failing every call (scripts/bench/routing.mjs).
  const routing = opts["rate-only"] || onlyLargePrompts || onlyTracing
    ? null
    : await runRoutingScenario({ origin: tollgateOrigin, adminKey: tollgateVars.ADMIN_API_KEY, upstreamBaseUrl: `${upstreamOrigin}/v1`, targets, config, keepIds, log, sleep });
  // JSON closed loop with tracing off and on, alternating (scripts/bench/tracing.mjs).
  const tracing = opts["rate-only"] || onlyLargePrompts || onlyRouting
    ? null
    : await runTracingScenario({
        root,
        unconfigured: { target: targets.tollgate, pid: tg.proc.pid, keepIds: (result) => keepIds(targets.tollgate, result), warmed: !onlyOther },
        startTraced: async (vars) => {
          const port = await freePort();
          const env = { ...tollgateEnv, ...vars, PORT: String(port), DATABASE_URL: "file:./data/bench/bench-traced.db" };
          freshDatabase(root, "data/bench/bench-traced.db");
          const proc = await launchTollgate({ root, launcher: tollgateLauncher, env, logFile: join(logDir, "tollgate-traced.log"), buildNeeded: false, nodeArgs });
          const origin = `http://127.0.0.1:${port}`;
          const setup = await setupTollgate({ origin, adminKey: env.ADMIN_API_KEY, upstreamBaseUrl: `${upstreamOrigin}/v1`, root, env });
          return { proc, target: { name: "tollgate-traced", origin, model: setup.model, headers: { "content-type": "application/json", authorization: `Bearer ${setup.key}` } } };
        },
        spec,
        config, logDir, log, sleep, pids: { bench: process.pid, upstream: upstream.pid },
      });
  // Small calls at --rate, alone and with two 4 MB prompts in flight (scripts/bench/large-prompts.mjs).
  let largePrompts = null;
  let allocSignals = 0;
  if (withLargePrompts) {
    const scenario = await runLargePromptScenario({
      small: { origin: tollgateOrigin, spec: spec(targets.tollgate, false) },
      large: { headers: targets.tollgate.headers, model: tg.setup.largeModel },
      rate: config.rate,
      durationMs: config.rateDuration * 1000,
      connections: config.connections,
      pids,
      log,
      window: (label) => {
        if (!opts.alloc) return;
        process.kill(tg.proc.pid, "SIGUSR2");
        if ((allocSignals += 1) % 2 === 0) log(`  alloc window ${(allocWindows += 1)} (large prompts: ${label}): ${join(allocDir, `${allocWindows}.heapprofile`)}`);
      },
    });
    largePrompts = scenario.result;
    appendAll(tollgateIds, scenario.requestIds);
  }
  clearTimeout(watchdog);

  // --- graceful stop and the usage check ---------------------------------------------------------
  log("SIGTERM to Tollgate; waiting for it to drain the usage buffer…");
  const exitCode = await tg.proc.stop("SIGTERM", 60_000);
  const ids = usageRequestIds(join(root, dbRelative));
  const missing = tollgateIds.filter((id) => !ids.has(id)).length;
  const usage = { rows: ids.size, expected: tollgateIds.length, missing, exitCode };
  log(`usage: ${usage.rows} rows for ${usage.expected} successful requests (${missing} missing), exit code ${exitCode}`);
  await Promise.all([portkey.stop("SIGTERM", 5_000), upstream.stop("SIGTERM", 5_000), floor?.stop("SIGTERM", 5_000), largeUpstream?.stop("SIGTERM", 5_000)]);
  machine.busyAfter = describe(await busyProcesses(2000));
  // The scale scenario last, with nothing else running (about 15 minutes, mostly generating the data).
  // A failure there is reported without losing the runs above.
  const scale = withScale
    ? await runScale({ launcher: opts.launcher }).catch((error) => {
        log(`scale scenario failed: ${error?.stack ?? error}`);
        return { error: String(error?.message ?? error) };
      })
    : null;
  log(`busy after the runs: ${machine.busyAfter}`);

  const results = {
    date: new Date(started).toISOString().replace("T", " ").slice(0, 16) + " UTC",
    machine, config, closed, open, usage, cache, largePrompts, routing, tracing, scale,
    tollgate: tollgateInfo,
    command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
    durationS: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(root, "data", "bench", "results.json"), JSON.stringify(results, null, 2));
  console.log(`\n${consoleSummary(results)}\n`);
  log(`done in ${results.durationS} s; logs in ${logDir}`);
  if (write) {
    writeReport(join(root, "docs", "benchmarks.md"), results, DOC_TEMPLATE);
    log("wrote docs/benchmarks.md");
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] failed: ${error?.stack ?? error}`);
    killAll();
    process.exit(1);
  },
);
