// Calls traced through the pipeline's hooks (CallTraces, AttemptSpans) into a real SpanRecorder whose
// thread is replaced by a list: each batch the recorder would post is structured-cloned into
// `batches` as postMessage would deliver it. The diag scripts tracing-single-thread.ts and
// otlp-encoders.ts measure the proxy's side and the encodings of these records.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { AttemptSpans } from "../../../lib/tracing/attempt-spans";
import { CallTraces } from "../../../lib/tracing/call-traces";
import { SpanRecorder } from "../../../lib/tracing/span-recorder";
import type { SpanBatch } from "../../../lib/tracing/span-records";
import type { UsageEvent } from "../../../lib/usage/usage-event";

/** The recorder's private side replaced (the thread) or called (posting what is batched). */
interface RecorderInside {
  thread(): { postMessage(message: SpanBatch, transfer: Transferable[]): void };
  post(): void;
}

export interface TracedCalls {
  /** one call's four spans: the call, admission, one upstream attempt, the usage write */
  call(): Promise<void>;
  /** posts what is batched */
  post(): void;
  /** the batches posted so far (clear it between trials) */
  batches: SpanBatch[];
}

export function tracedCalls(): TracedCalls {
  const batches: SpanBatch[] = [];
  const recorder = new SpanRecorder({ url: "http://127.0.0.1:9/v1/traces", protocol: "http/protobuf", resource: { "service.name": "x" }, scope: "tollgate" });
  const inside = recorder as unknown as RecorderInside;
  inside.thread = () => ({ postMessage: (message, transfer) => batches.push(structuredClone(message, { transfer })) });
  const traces = new CallTraces(recorder, 1);
  const headers = { get: () => null };
  const deployment = { id: "dep_1", kind: "openai-compatible", providerName: "fake", upstreamModel: "upstream-model", target: { baseUrl: "http://127.0.0.1:9/v1" } };
  const model = { name: "bench-model" };
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
  return { call, post: () => inside.post(), batches };
}
