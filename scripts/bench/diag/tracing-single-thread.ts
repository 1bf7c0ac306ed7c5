// What tracing a call costs in CPU, on one thread and without HTTP, so that two versions can be compared
// on a busy machine (the minimum of six trials of CPU time, which leaves out the time the process waited
// for a core): the proxy's hooks for the four spans of N calls, with each batch message
// structured-cloned where the recorder would post it (the clone's serialization and deserialization,
// which postMessage splits between the two threads), then the export thread's OTLP JSON encoding of
// those batches. Bundled like the server's code (esbuild, one scope: tsx would make every imported
// constant a getter):
//   npx esbuild scripts/bench/diag/tracing-single-thread.ts --bundle --platform=node --format=cjs \
//     --outfile=node_modules/.cache/tracing-single-thread.cjs && node node_modules/.cache/tracing-single-thread.cjs
// (docs/decisions/022-traces-exported-off-thread.md).
import { performance } from "node:perf_hooks";
import { CallTraces } from "../../../lib/tracing/call-traces";
import { AttemptSpans } from "../../../lib/tracing/attempt-spans";
import { SpanRecorder } from "../../../lib/tracing/span-recorder";
import { encodeOtlpJson } from "../../../lib/tracing/otlp-json";
import { JsonWriter } from "../../../lib/tracing/json-writer";
import type { SpanBatch } from "../../../lib/tracing/span-records";
import { ReceivedStrings } from "../../../lib/tracing/string-table";
import type { UsageEvent } from "../../../lib/usage/usage-event";

const N = 20000;

/** The recorder's private side this script replaces (the thread) or calls (posting what is batched). */
interface RecorderInside {
  thread(): { postMessage(message: SpanBatch, transfer: Transferable[]): void };
  post(): void;
}

async function main() {
  const messages: SpanBatch[] = [];
  const recorder = new SpanRecorder({ url: "http://127.0.0.1:9/v1/traces", resource: { "service.name": "x" }, scope: "tollgate" });
  const inside = recorder as unknown as RecorderInside;
  inside.thread = () => ({ postMessage: (message, transfer) => messages.push(structuredClone(message, { transfer })) });
  const traces = new CallTraces(recorder, 1);
  const headers = { get: () => null };
  const deployment = { id: "dep_1", kind: "openai-compatible", providerName: "fake", upstreamModel: "upstream-model", target: { baseUrl: "http://127.0.0.1:9/v1" } };
  const model = { name: "bench-model" };
  const { randomUUID } = await import("node:crypto");
  async function call() {
    const startedAt = performance.now();
    const requestId = `req_${randomUUID().replace(/-/g, "")}`;
    traces.start(requestId, "chat.completions", headers, startedAt);
    const admission = traces.child(requestId);
    traces.endAdmission(admission, "ungoverned", null);
    const attempts = new AttemptSpans(traces, requestId);
    const routed = { finish(_end: { ok: boolean }) {} };
    const served = attempts.served(await attempts.run({ number: 1, deployment, model }, async () => routed));
    served.finish({ ok: true });
    const write = traces.child(requestId);
    traces.endUsageWrite(write);
    // a usage event built per call, like the pipeline's (its strings new each call, as parsed from a request)
    const m = JSON.parse('{"model":"bench-model","keyId":"key_1","teamId":"team_1","providerName":"fake"}') as Record<string, string>;
    traces.ended({ requestId, orgId: "org", keyId: m.keyId, userId: null, teamId: m.teamId, model: m.model, providerId: "prov_1", providerKind: "openai-compatible",
      providerName: m.providerName, upstreamModel: "upstream-model", inputTokens: 12, outputTokens: 34, cachedTokens: 0, costMicros: 56n,
      latencyMs: performance.now() - startedAt, ttftMs: null, streamed: false, status: 200, errorType: null, estimated: false,
      endpoint: "chat.completions", createdAt: new Date(), deploymentId: "dep_1", attempts: 1 } satisfies UsageEvent);
  }
  const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
  const strings = new ReceivedStrings();
  const writer = new JsonWriter();
  const proxy: number[] = []; const enc: number[] = [];
  for (let trial = 0; trial < 7; trial += 1) {
    messages.length = 0;
    let c = cpu();
    for (let i = 0; i < N; i += 1) await call();
    inside.post();
    proxy.push((cpu() - c) / N);
    c = cpu();
    let bytes = 0;
    for (let i = 0; i < messages.length; i += 8) {
      const group = messages.slice(i, i + 8);
      for (const m of group) strings.add(m.strings, m.firstString);
      bytes += encodeOtlpJson(writer, group, strings, { resource: { "service.name": "x" }, scope: "tollgate" }).length;
    }
    enc.push((cpu() - c) / N);
    if (trial === 0) console.log(`${messages.length} batches, ${(bytes / N).toFixed(0)} bytes a call`);
  }
  const show = (a: number[]) => a.slice(1).map((v) => v.toFixed(1)).join(" ") + `  (min ${Math.min(...a.slice(1)).toFixed(1)})`;
  console.log(`proxy side µs a call (hooks + clone): ${show(proxy)}`);
  console.log(`encoding µs a call:                   ${show(enc)}`);
}
void main();
