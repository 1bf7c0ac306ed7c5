// What tracing a call costs the proxy's thread, with the pipeline's tracing hooks driven directly
// (docs/decisions/022-traces-exported-off-thread.md): each call starts its span, ends an admission
// span, runs one upstream attempt whose span ends with the routed call's finish(), ends a usage-write
// span and ends the call with a usage event, like lib/gateway, lib/quotas/admission.ts and
// lib/usage/usage-recorder.ts do. 20 calls per turn of the event loop and 10 ms between turns (about
// 2,000 calls a second), exporting to scripts/bench/otlp-sink.mjs in another process; the same
// export thread kept across the rounds, so round 1 is the warm-up. Per call: the event loop's active
// time (what the proxy's thread pays; on a busy machine it includes time the thread was runnable
// but preempted) and the process's CPU (all threads, the export thread's encoding and HTTP included).
//
//   npx tsx scripts/bench/diag/tracing-hot-path.ts [--rounds 6] [--calls 10000] [--off]
// --off: OTEL_EXPORTER_OTLP_ENDPOINT unset (the hooks' null checks only).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { buildThreadBundles } from "../../build-threads.mjs";
import type { UsageEvent } from "../../../lib/usage/usage-event";

const { values: opts } = parseArgs({
  options: { rounds: { type: "string", default: "6" }, calls: { type: "string", default: "10000" }, off: { type: "boolean", default: false } },
});
const ROUNDS = Number(opts.rounds);
const CALLS = Number(opts.calls);
const PER_TURN = 20;
const root = process.cwd();

async function main(): Promise<void> {
  const sink = spawn(process.execPath, ["scripts/bench/otlp-sink.mjs", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const sinkPort = await new Promise<number>((resolve) => sink.stdout!.on("data", (chunk: Buffer) => {
    const match = /listening on (\d+)/.exec(chunk.toString());
    if (match) resolve(Number(match[1]));
  }));
  if (!opts.off) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${sinkPort}`;
  await buildThreadBundles(root);
  const { callTraces, NO_SPAN } = await import("../../../lib/tracing/call-traces");
  const { AttemptSpans } = await import("../../../lib/tracing/attempt-spans");
  const { shutdownTracing } = await import("../../../lib/tracing/tracer");

  const headers = { get: () => null };
  const deployment = { id: "dep_1", kind: "openai-compatible", providerName: "fake", upstreamModel: "upstream-model", target: { baseUrl: "http://127.0.0.1:9/v1" } };
  const model = { name: "bench-model" };
  let sequence = 0;

  function usageEvent(requestId: string, startedAt: number): UsageEvent {
    return {
      requestId, orgId: "org", keyId: "key_1", userId: null, teamId: "team_1", model: "bench-model", providerId: "prov_1", providerKind: "openai-compatible",
      providerName: "fake", upstreamModel: "upstream-model", inputTokens: 12, outputTokens: 34, cachedTokens: 0, costMicros: 56n,
      latencyMs: performance.now() - startedAt, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false,
      endpoint: "chat.completions", createdAt: new Date(), deploymentId: "dep_1", attempts: 1,
    };
  }

  /** One call through the hooks, as the pipeline makes them. */
  async function call(): Promise<void> {
    const startedAt = performance.now();
    const requestId = `req_${(sequence += 1)}`;
    const traces = callTraces();
    traces?.start(requestId, "chat.completions", headers, startedAt);
    const admission = traces ? traces.child(requestId) : NO_SPAN;
    await Promise.resolve();
    if (admission !== NO_SPAN) traces!.endAdmission(admission, "ungoverned", null);
    const attempts = traces ? new AttemptSpans(traces, requestId) : null;
    const routed = { finish(_end: { ok: boolean }) {} };
    const served = attempts ? attempts.served(await attempts.run({ number: 1, deployment, model }, async () => routed)) : routed;
    served.finish({ ok: true });
    const write = traces ? traces.child(requestId) : NO_SPAN;
    if (write !== NO_SPAN) traces!.endUsageWrite(write);
    callTraces()?.ended(usageEvent(requestId, startedAt));
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // The main thread's own CPU time (user + system, in clock ticks of 10 ms), from /proc: unlike the
  // event loop's active time it leaves out the time the thread waited for a core on a busy machine.
  const mainThreadCpuUs = () => {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  };
  for (let round = 1; round <= ROUNDS; round += 1) {
    await sleep(200);
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const mainCpu = mainThreadCpuUs();
    let idle = 0;
    for (let done = 0; done < CALLS; done += PER_TURN) {
      await Promise.all(Array.from({ length: PER_TURN }, call));
      const before = performance.now();
      await sleep(10);
      idle += performance.now() - before;
    }
    const active = performance.eventLoopUtilization(elu).active;
    const used = process.cpuUsage(cpu);
    const mainUsed = mainThreadCpuUs() - mainCpu;
    // The sleeps' own wake-ups are part of `active`; they cost the same with tracing off.
    const processUs = used.user + used.system;
    console.log(
      `round ${round}: proxy thread ${((active * 1000) / CALLS).toFixed(1)} µs a call active, ${(mainUsed / CALLS).toFixed(1)} µs CPU; ` +
        `other threads ${((processUs - mainUsed) / CALLS).toFixed(1)} µs CPU; process CPU ${(processUs / CALLS).toFixed(1)} µs a call (idle ${(idle / 1000).toFixed(1)} s)`,
    );
  }
  await shutdownTracing();
  const stats = (await (await fetch(`http://127.0.0.1:${sinkPort}/stats`)).json()) as { requests: number; bytes: number };
  console.log(`the sink received ${stats.requests} exports, ${(stats.bytes / 1e6).toFixed(1)} MB (${(stats.bytes / (ROUNDS * CALLS)).toFixed(0)} bytes a call)`);
  sink.kill("SIGTERM");
}

void main();
