// The tracing scenario for `npm run bench` (docs/observability.md, "What it costs"): what
// OpenTelemetry tracing costs the proxy's throughput. A second Tollgate runs beside the run's own, on
// the same build, the same fake upstream and the same machine, with OTEL_EXPORTER_OTLP_ENDPOINT
// pointed at scripts/bench/otlp-sink.mjs (a local receiver that reads every export and discards it)
// and OTEL_TRACES_SAMPLER_ARG=0. Its calls then trace as their caller asks (the W3C `traceparent`'s
// sampled flag decides, as OpenTelemetry's ParentBased sampler does):
//   off — calls without a traceparent: none is traced (the sampler's ratio is 0);
//   on  — calls with a sampled traceparent: every call is traced, four spans exported per call.
// Both sides are the same process, because two processes of one build differ by more than tracing
// costs on the reference machine (up to 55 % in CPU per call, for as long as each lives:
// docs/decisions/022-traces-exported-off-thread.md, "One process against another"). And the machine
// itself drifts by 20–30 % within a minute (its host is shared), so the sides are measured in short
// pairs, TRACING_PAIRS of them, in ABBA order (off-on, on-off, off-on, …: a steady drift within a
// pair cancels over two pairs), each run after its own short warm-up. A pair's cost is 1 − on/off;
// the scenario's cost is the median of its pairs' costs (a burst of contention that slows one run
// spoils one pair, not the verdict); the mean throughputs are reported too. Target: tracing on costs
// under 5 %. The run's own Tollgate (no OTEL_* variable: tracing not configured at all) is measured
// before the first pair and after the last, for information: it is another process, so its
// difference from "off" is mostly the spread between processes. Every process's CPU is measured in
// each run, so a run shows what else took the cores; the receiver's count of exports shows that spans
// really left the traced process, and that none left it during the "off" runs.
import { join } from "node:path";
import { request } from "undici";
import { cpuMeter } from "./cpu.mjs";
import { closedLoop, summarize } from "./load.mjs";
import { freePort, startProcess } from "./procs.mjs";

export const TRACING_PAIRS = 8;
/** seconds of each measured run, and of the unmeasured warm-up before it */
export const TRACING_RUN_S = 5;
export const TRACING_WARMUP_S = 2;

async function sinkStats(origin) {
  const { body } = await request(`${origin}/stats`);
  return body.json();
}

/** A sampled W3C traceparent (flags 01), the same for every call: the caller's trace, a new span each. */
export const SAMPLED_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/**
 * `unconfigured` is the run's Tollgate as run.mjs started it ({ target, pid, keepIds(result),
 * warmed }: its successful calls count in the run's usage check; `warmed`: it already had the --steady
 * load); `startTraced(env)` starts and sets up a second one like it with these variables added,
 * resolving { proc, target } (its database is its own); `spec(target, stream)` the call's load spec;
 * `pids` the run's other processes (name → pid) for the CPU figures.
 */
export async function runTracingScenario({ root, unconfigured, startTraced, spec, config, logDir, log, sleep, pids = {}, pairs = TRACING_PAIRS }) {
  const sinkPort = await freePort();
  const sink = startProcess("otlp-sink", process.execPath, ["scripts/bench/otlp-sink.mjs", String(sinkPort)], {
    cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "otlp-sink.log"),
  });
  let traced = null;
  try {
    await sink.waitFor(/otlp sink listening/, 30_000);
    const sinkOrigin = `http://127.0.0.1:${sinkPort}`;
    const started = await startTraced({ OTEL_EXPORTER_OTLP_ENDPOINT: sinkOrigin, OTEL_SERVICE_NAME: "tollgate-bench", OTEL_TRACES_SAMPLER_ARG: "0" });
    traced = started.proc;
    const offTarget = started.target;
    const onTarget = { ...offTarget, name: "tollgate-traced-sampled", headers: { ...offTarget.headers, traceparent: SAMPLED_TRACEPARENT } };
    log(`tracing: a second Tollgate at ${offTarget.origin} exporting to the OTLP sink on :${sinkPort}, sampling only callers' sampled traceparents`);

    const sides = {
      off: { target: offTarget, runs: [], exportsDuring: 0 },
      on: { target: onTarget, runs: [] },
      unconfigured: { ...unconfigured, runs: [] },
    };
    // Like every gateway of the main closed loop, each process first gets --steady seconds of
    // unmeasured load (a Tollgate started a moment ago is slower for its first seconds: JIT tiers,
    // heap sizing); the traced one half traced, half not, so both of its paths are warm.
    if (config.steady > 0) {
      for (const target of [onTarget, offTarget]) {
        await closedLoop({ origin: target.origin, spec: spec(target, false), connections: config.connections, durationMs: (config.steady * 1000) / 2 });
      }
      log(`tracing: the traced Tollgate had ${config.steady} s of unmeasured load (half traced, half not)`);
      if (!unconfigured.warmed) {
        for (const stream of [false, true]) {
          unconfigured.keepIds?.(await closedLoop({ origin: unconfigured.target.origin, spec: spec(unconfigured.target, stream), connections: config.connections, durationMs: (config.steady * 1000) / 2 }));
        }
      }
    }
    // Every process of the run, both Tollgates and the receiver apart: what the side not measured
    // and the receiver take from the cores shows in each run's row.
    const allPids = { ...pids, tollgate: unconfigured.pid, tollgateTraced: traced.pid, otlpSink: sink.pid };
    const processOf = { off: "tollgateTraced", on: "tollgateTraced", unconfigured: "tollgate" };
    const measure = async (name, label) => {
      const side = sides[name];
      const s = spec(side.target, false);
      side.keepIds?.(await closedLoop({ origin: side.target.origin, spec: s, connections: config.connections, durationMs: TRACING_WARMUP_S * 1000 }));
      // The traced side's exports of the run before (within the batch delay) have left by now.
      await sleep(name === "off" ? 1500 : 500);
      const before = name === "off" ? await sinkStats(sinkOrigin) : null;
      const meter = cpuMeter(allPids);
      const result = await closedLoop({ origin: side.target.origin, spec: s, connections: config.connections, durationMs: TRACING_RUN_S * 1000 });
      const cpu = meter.end();
      if (before) {
        await sleep(1500);
        side.exportsDuring += (await sinkStats(sinkOrigin)).requests - before.requests;
      }
      side.keepIds?.(result);
      const stats = summarize(result);
      const cpuCores = cpu ? cpu.cores[processOf[name]] : null;
      const run = { rps: stats.rps, failed: stats.failed, p50: stats.latency.p50, p99: stats.latency.p99, cpuCores, cpu };
      side.runs.push(run);
      const cores = cpu ? `, cores: ${Object.entries(cpu.cores).map(([n, c]) => `${n} ${c.toFixed(2)}`).join(" · ")} · other ${cpu.otherCores.toFixed(2)}` : "";
      log(`tracing ${name} (${label}): ${stats.rps.toFixed(0)} req/s, p50 ${stats.latency.p50.toFixed(2)} ms, failed ${stats.failed}${cores}`);
      await sleep(500);
      return run;
    };
    await measure("unconfigured", "before the pairs");
    const pairCosts = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const order = pair % 2 === 0 ? ["off", "on"] : ["on", "off"];
      const runs = {};
      for (const name of order) runs[name] = await measure(name, `pair ${pair + 1}/${pairs}`);
      pairCosts.push(1 - runs.on.rps / runs.off.rps);
    }
    await measure("unconfigured", "after the pairs");
    // Whatever the traced process still batches is exported within the batch delay (1 s).
    await sleep(6000);
    const exports = await sinkStats(sinkOrigin);
    const summary = (side) => {
      const runs = side.runs;
      const rps = runs.reduce((sum, r) => sum + r.rps, 0) / runs.length;
      const cores = runs.every((r) => r.cpuCores !== null) ? runs.reduce((sum, r) => sum + r.cpuCores, 0) / runs.length : null;
      return { rps, failed: runs.reduce((sum, r) => sum + r.failed, 0), cpuMsPerRequest: cores === null ? null : (cores / rps) * 1000, runs };
    };
    const sorted = [...pairCosts].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const medianCost = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return {
      pairs, connections: config.connections, durationS: TRACING_RUN_S,
      off: summary(sides.off), on: summary(sides.on), unconfigured: summary(sides.unconfigured),
      pairCosts, medianCost, exports, exportsWhileOff: sides.off.exportsDuring,
    };
  } finally {
    await traced?.stop("SIGTERM", 30_000);
    await sink.stop("SIGTERM", 5_000);
  }
}

const percent = (v) => `${(v * 100).toFixed(1)} %`;

/** The scenario's target as a report row. */
export function tracingChecks(tracing) {
  if (!tracing) return [];
  const { off, on, exports, exportsWhileOff, medianCost, pairCosts } = tracing;
  return [
    {
      name: "tracing on (every call sampled, OTLP/HTTP to a local receiver) vs off, one process, paired runs: JSON throughput cost, closed loop",
      goal: "< 5 %",
      value: `median of ${pairCosts.length} pairs ${percent(medianCost)} (pairs ${pairCosts.map(percent).join(", ")}); means ${on.rps.toFixed(0)} vs ${off.rps.toFixed(0)} req/s; ${exports.requests} exports received, ${exportsWhileOff} while off`,
      met: on.failed === 0 && off.failed === 0 && exports.requests > 0 && exportsWhileOff === 0 && medianCost < 0.05,
    },
  ];
}

const SIDE_LABELS = { off: "off (not sampled)", on: "on (every call)", unconfigured: "not configured (another process)" };

/** The scenario's runs as a table for docs/benchmarks.md. */
export function tracingMarkdown(tracing) {
  if (!tracing) return [];
  const cpu = (v) => (v === null ? "–" : v.toFixed(3));
  const rows = [
    "| tracing | run | req/s | p50 ms | p99 ms | failed | Tollgate CPU cores | CPU ms per call | the other Tollgate · receiver · load gen · upstream · other, cores |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const others = (name, cpu) => {
    if (!cpu) return "–";
    const c = cpu.cores;
    const idle = name === "unconfigured" ? c.tollgateTraced : c.tollgate;
    return [idle, c.otlpSink, c.bench, c.upstream, cpu.otherCores].map((v) => (v === undefined ? "–" : v.toFixed(2))).join(" · ");
  };
  for (const name of ["off", "on", "unconfigured"]) {
    tracing[name].runs.forEach((run, i) => {
      const cores = run.cpuCores === null ? "–" : run.cpuCores.toFixed(2);
      const perCall = run.cpuCores === null ? "–" : ((run.cpuCores / run.rps) * 1000).toFixed(3);
      rows.push(`| ${SIDE_LABELS[name]} | ${i + 1} | ${run.rps.toFixed(0)} | ${run.p50.toFixed(2)} | ${run.p99.toFixed(2)} | ${run.failed} | ${cores} | ${perCall} | ${others(name, run.cpu)} |`);
    });
  }
  return [
    `### Tracing: JSON calls, closed loop at ${tracing.connections} connections, ${tracing.durationS} s per run, tracing off and on in one process (${tracing.pairs} pairs, ABBA order)`,
    "",
    `A second Tollgate on the same build, exporting to a local OTLP/HTTP receiver that discards what it gets, with OTEL_TRACES_SAMPLER_ARG=0: ` +
      `off, its calls without a traceparent (none traced); on, its calls with a sampled traceparent (every call traced, four spans each: ` +
      `${tracing.exports.requests} exports, ${(tracing.exports.bytes / 1e6).toFixed(1)} MB received, ${tracing.exportsWhileOff} of them during the off runs). ` +
      `The pairs' costs (1 − on/off, in order): ${tracing.pairCosts.map(percent).join(", ")}; their median ${percent(tracing.medianCost)}. ` +
      `Mean throughput ${tracing.off.rps.toFixed(0)} (off) and ${tracing.on.rps.toFixed(0)} (on) req/s; ` +
      `CPU per call ${cpu(tracing.off.cpuMsPerRequest)} and ${cpu(tracing.on.cpuMsPerRequest)} ms (all of the process's threads). ` +
      `For information, the run's own Tollgate (tracing not configured, another process) before the first pair and after the last: ${tracing.unconfigured.rps.toFixed(0)} req/s, ` +
      `${cpu(tracing.unconfigured.cpuMsPerRequest)} ms per call; two processes of one build differ by more than tracing costs here ` +
      `(docs/decisions/022-traces-exported-off-thread.md, "One process against another").`,
    "",
    ...rows,
    "",
  ];
}
