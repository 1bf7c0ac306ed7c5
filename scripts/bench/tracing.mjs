// The tracing scenario for `npm run bench` (docs/observability.md, "What it costs"): what
// OpenTelemetry tracing costs the proxy's throughput. Two Tollgates run side by side on the same build,
// the same fake upstream and the same machine: the run's own (no OTEL_* variable: tracing off) and a
// second one with OTEL_EXPORTER_OTLP_ENDPOINT pointed at scripts/bench/otlp-sink.mjs, a local receiver
// that reads every export and discards it; every call of the second is sampled (the default
// OTEL_TRACES_SAMPLER_ARG=1), so it exports four spans per call. Like every gateway of the main closed
// loop, each Tollgate first gets --steady seconds of unmeasured load (half JSON, half streamed) unless
// the run already gave it that: a Tollgate started a moment ago is slower for its first seconds (JIT
// tiers, heap sizing), and without it the traced one's first round measured that, not tracing.
// Closed-loop JSON calls then alternate between the two (off, on, off, on, …; each after its own
// warm-up) so that the machine's drift hits both alike; each side's throughput is its requests over
// its measured time. Target: tracing on costs under 5 % of the throughput with tracing off. Every
// process's CPU is measured in each run (the idle Tollgate and the receiver included), so a run shows
// what else took the cores. The receiver's count of exports shows that spans really left the traced
// process.
import { join } from "node:path";
import { request } from "undici";
import { cpuMeter } from "./cpu.mjs";
import { closedLoop, summarize } from "./load.mjs";
import { freePort, startProcess } from "./procs.mjs";

export const TRACING_ROUNDS = 3;

async function sinkStats(origin) {
  const { body } = await request(`${origin}/stats`);
  return body.json();
}

/**
 * `off` is the run's Tollgate as run.mjs started it ({ target, pid, keepIds(result), warmed }: its
 * successful calls count in the run's usage check; the traced one's database is its own; `warmed`:
 * it already had the --steady load); `startTraced(env)` starts and sets up a second one like it with
 * these variables added, resolving { proc, target }; `spec(target, stream)` the call's load spec;
 * `pids` the run's other processes (name → pid) for the CPU figures.
 */
export async function runTracingScenario({ root, off, startTraced, spec, config, logDir, log, sleep, pids = {}, rounds = TRACING_ROUNDS }) {
  const sinkPort = await freePort();
  const sink = startProcess("otlp-sink", process.execPath, ["scripts/bench/otlp-sink.mjs", String(sinkPort)], {
    cwd: root, env: { ...process.env, NODE_ENV: "production" }, logFile: join(logDir, "otlp-sink.log"),
  });
  let traced = null;
  try {
    await sink.waitFor(/otlp sink listening/, 30_000);
    const sinkOrigin = `http://127.0.0.1:${sinkPort}`;
    const started = await startTraced({ OTEL_EXPORTER_OTLP_ENDPOINT: sinkOrigin, OTEL_SERVICE_NAME: "tollgate-bench" });
    traced = started.proc;
    const on = { target: started.target, pid: traced.pid };
    log(`tracing: a second Tollgate at ${on.target.origin} exporting to the OTLP sink on :${sinkPort}`);

    const sides = { off: { ...off, runs: [] }, on: { ...on, runs: [] } };
    for (const name of ["off", "on"]) {
      const side = sides[name];
      if (side.warmed || !(config.steady > 0)) continue;
      for (const stream of [false, true]) {
        side.keepIds?.(await closedLoop({ origin: side.target.origin, spec: spec(side.target, stream), connections: config.connections, durationMs: (config.steady * 1000) / 2 }));
      }
      log(`tracing: ${name} had ${config.steady} s of unmeasured load (half JSON, half streamed)`);
    }
    // Every process of the run, both Tollgates and the receiver apart: what the side not measured
    // and the receiver take from the cores shows in each run's row.
    const allPids = { ...pids, tollgateOff: off.pid, tollgateOn: on.pid, otlpSink: sink.pid };
    for (let round = 0; round < rounds; round += 1) {
      for (const name of ["off", "on"]) {
        const side = sides[name];
        const s = spec(side.target, false);
        side.keepIds?.(await closedLoop({ origin: side.target.origin, spec: s, connections: config.connections, durationMs: config.warmup * 1000 }));
        await sleep(500);
        const meter = cpuMeter(allPids);
        const result = await closedLoop({ origin: side.target.origin, spec: s, connections: config.connections, durationMs: config.duration * 1000 });
        const cpu = meter.end();
        side.keepIds?.(result);
        const stats = summarize(result);
        const cpuCores = cpu ? cpu.cores[name === "off" ? "tollgateOff" : "tollgateOn"] : null;
        side.runs.push({ rps: stats.rps, failed: stats.failed, p50: stats.latency.p50, p99: stats.latency.p99, cpuCores, cpu });
        const cores = cpu ? `, cores: ${Object.entries(cpu.cores).map(([n, c]) => `${n} ${c.toFixed(2)}`).join(" · ")} · other ${cpu.otherCores.toFixed(2)}` : "";
        log(`tracing ${name} (round ${round + 1}/${rounds}): ${stats.rps.toFixed(0)} req/s, p50 ${stats.latency.p50.toFixed(2)} ms, failed ${stats.failed}${cores}`);
        await sleep(1000);
      }
    }
    // Whatever the traced process still batches is exported within the batch delay (1 s).
    await sleep(6000);
    const exports = await sinkStats(sinkOrigin);
    const summary = (side) => {
      const runs = side.runs;
      const rps = runs.reduce((sum, r) => sum + r.rps, 0) / runs.length;
      const cores = runs.every((r) => r.cpuCores !== null) ? runs.reduce((sum, r) => sum + r.cpuCores, 0) / runs.length : null;
      return { rps, failed: runs.reduce((sum, r) => sum + r.failed, 0), cpuMsPerRequest: cores === null ? null : (cores / rps) * 1000, runs };
    };
    return { rounds, connections: config.connections, durationS: config.duration, off: summary(sides.off), on: summary(sides.on), exports };
  } finally {
    await traced?.stop("SIGTERM", 30_000);
    await sink.stop("SIGTERM", 5_000);
  }
}

/** The scenario's target as a report row. */
export function tracingChecks(tracing) {
  if (!tracing) return [];
  const { off, on, exports } = tracing;
  const cost = 1 - on.rps / off.rps;
  return [
    {
      name: "tracing on (every call sampled, OTLP/HTTP to a local receiver) vs off: JSON throughput cost, closed loop",
      goal: "< 5 %",
      value: `${on.rps.toFixed(0)} vs ${off.rps.toFixed(0)} req/s (${(cost * 100).toFixed(1)} %), ${exports.requests} exports received`,
      met: on.failed === 0 && off.failed === 0 && exports.requests > 0 && cost < 0.05,
    },
  ];
}

/** The scenario's runs as a table for docs/benchmarks.md. */
export function tracingMarkdown(tracing) {
  if (!tracing) return [];
  const cpu = (v) => (v === null ? "–" : v.toFixed(3));
  const rows = [
    "| tracing | round | req/s | p50 ms | p99 ms | failed | Tollgate CPU cores | CPU ms per call | the other Tollgate · receiver · load gen · upstream · other, cores |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const others = (name, cpu) => {
    if (!cpu) return "–";
    const c = cpu.cores;
    const idle = name === "off" ? c.tollgateOn : c.tollgateOff;
    return [idle, c.otlpSink, c.bench, c.upstream, cpu.otherCores].map((v) => (v === undefined ? "–" : v.toFixed(2))).join(" · ");
  };
  for (const name of ["off", "on"]) {
    tracing[name].runs.forEach((run, i) => {
      const cores = run.cpuCores === null ? "–" : run.cpuCores.toFixed(2);
      const perCall = run.cpuCores === null ? "–" : ((run.cpuCores / run.rps) * 1000).toFixed(3);
      rows.push(`| ${name} | ${i + 1} | ${run.rps.toFixed(0)} | ${run.p50.toFixed(2)} | ${run.p99.toFixed(2)} | ${run.failed} | ${cores} | ${perCall} | ${others(name, run.cpu)} |`);
    });
  }
  return [
    `### Tracing: JSON calls, closed loop at ${tracing.connections} connections, ${tracing.durationS} s per run, tracing off and on alternating (${tracing.rounds} rounds)`,
    "",
    `Off: the run's Tollgate (no OTEL_* variable). On: a second Tollgate on the same build exporting every call's four spans ` +
      `(each Tollgate warmed by the same unmeasured load as the main closed loop's gateways before its first round) ` +
      `to a local OTLP/HTTP receiver that discards them (${tracing.exports.requests} exports, ${(tracing.exports.bytes / 1e6).toFixed(1)} MB received). ` +
      `Mean throughput ${tracing.off.rps.toFixed(0)} (off) and ${tracing.on.rps.toFixed(0)} (on) req/s; ` +
      `CPU per call ${cpu(tracing.off.cpuMsPerRequest)} and ${cpu(tracing.on.cpuMsPerRequest)} ms (all of each process's threads).`,
    "",
    ...rows,
    "",
  ];
}
