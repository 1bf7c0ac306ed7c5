// The calls' spans from the pipeline's hooks (CallTraces) to a local OTLP receiver, through the span
// recorder and the export thread, in each OTLP/HTTP encoding (protobuf, read by an independent
// decoder, and JSON): a call's four spans arrive at a flush with their names, parents, kinds and attributes; the caller's traceparent decides the trace and whether it is traced; a
// collector answering 503 gets the export again, and shutdown exports what is still batched. Uses
// the compiled thread (scripts/build-threads.mjs, run by the vitest setup).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeOtlpBody } from "@/test/support/otlp-protobuf-decoder";
import type { UsageEvent } from "../usage/usage-event";
import { CallTraces, NO_SPAN } from "./call-traces";
import { SpanRecorder } from "./span-recorder";
import type { OtlpProtocol } from "./span-records";

interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; traceState?: string; name: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes: { key: string; value: Record<string, unknown> }[]; status: { code?: number; message?: string } }
interface Received { status: number; contentType: string | undefined; spans: OtlpSpan[] }

let server: Server;
let url: string;
const received: Received[] = [];
/** statuses to answer before answering 200 */
const failFirst: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = failFirst.shift() ?? 200;
      const contentType = request.headers["content-type"];
      const body = decodeOtlpBody<{ resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }>(contentType, Buffer.concat(chunks));
      received.push({ status, contentType, spans: body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)) });
      response.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function headers(values: Record<string, string> = {}) {
  return { get: (name: string) => values[name] ?? null };
}

function attributes(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]]));
}

const deployment = { id: "dep_1", kind: "gemini", providerName: "Google", upstreamModel: "gemini-2.5-flash", target: { baseUrl: "https://example.test:8443/v1" } };

function usageEvent(requestId: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId, orgId: "org", keyId: "key_1", userId: null, teamId: null, model: "flash", providerId: "prov_1", providerKind: "gemini", providerName: "Google",
    upstreamModel: "gemini-2.5-flash", inputTokens: 12, outputTokens: 34, cachedTokens: 0, costMicros: 1500n, latencyMs: 42.5, ttftMs: null, streamed: false,
    status: 200, errorType: null, estimated: false, endpoint: "chat.completions", createdAt: new Date(), deploymentId: "dep_1", attempts: 1, ...overrides,
  };
}

const CONTENT_TYPES: Record<OtlpProtocol, string> = { "http/protobuf": "application/x-protobuf", "http/json": "application/json" };

describe.each(["http/protobuf", "http/json"] as const)("CallTraces through the span recorder, exported as %s", (protocol) => {
  it("exports a call's span and its admission, attempt and usage-write children at a flush", async () => {
    received.length = 0;
    const recorder = new SpanRecorder({ url, protocol, resource: { "service.name": "test" }, scope: "tollgate" });
    const traces = new CallTraces(recorder, 1);
    const before = Date.now();
    traces.start("req_1", "chat.completions", headers(), performance.now());
    traces.endAdmission(traces.child("req_1"), "admitted", null);
    const failedAttempt = traces.attempt("req_1", { number: 1, deployment, model: { name: "flash" } });
    traces.endAttempt(failedAttempt, Object.assign(new Error("overloaded"), { code: "upstream_error", upstreamStatus: 503 }));
    traces.endAttempt(failedAttempt); // a second end is ignored
    traces.endAttempt(traces.attempt("req_1", { number: 2, deployment, model: { name: "flash" } }));
    traces.endUsageWrite(traces.child("req_1"));
    traces.ended(usageEvent("req_1"));
    expect(traces.child("req_1")).toBe(NO_SPAN);
    await recorder.forceFlush();
    expect(received.map((r) => r.contentType)).toEqual(received.map(() => CONTENT_TYPES[protocol]));
    const spans = received.flatMap((r) => r.spans);
    expect(spans.map((s) => s.name)).toEqual(["tollgate.admission", "chat gemini-2.5-flash", "chat gemini-2.5-flash", "tollgate.usage.write", "chat flash"]);
    const call = spans[4];
    expect(call).toMatchObject({ kind: 2, status: {} });
    expect(call.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(call.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(call).not.toHaveProperty("parentSpanId");
    const start = Number(BigInt(call.startTimeUnixNano) / 1_000_000n);
    expect(start).toBeGreaterThanOrEqual(before - 1);
    expect(BigInt(call.endTimeUnixNano) >= BigInt(call.startTimeUnixNano)).toBe(true);
    expect(attributes(call)).toEqual({
      "tollgate.request_id": "req_1", "tollgate.endpoint": "chat.completions", "gen_ai.operation.name": "chat", "gen_ai.request.model": "flash",
      "gen_ai.usage.input_tokens": 12, "gen_ai.usage.output_tokens": 34, "http.response.status_code": 200, "tollgate.cost_usd": 0.0015,
      "tollgate.latency_ms": 42.5, "tollgate.streamed": false, "tollgate.attempts": 1, "tollgate.estimated": false, "gen_ai.response.model": "gemini-2.5-flash",
      "gen_ai.provider.name": "gcp.gemini", "gen_ai.system": "gcp.gemini", "tollgate.provider": "Google", "tollgate.deployment_id": "dep_1", "tollgate.key_id": "key_1",
    });
    for (const child of spans.slice(0, 4)) expect(child).toMatchObject({ traceId: call.traceId, parentSpanId: call.spanId });
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(5);
    expect(spans[0]).toMatchObject({ kind: 1, attributes: [{ key: "tollgate.admission.outcome", value: { stringValue: "admitted" } }] });
    const [failed, served] = [spans[1], spans[2]];
    expect(failed).toMatchObject({ kind: 3, status: { code: 2, message: "upstream_error" } });
    expect(attributes(failed)).toEqual({
      "gen_ai.operation.name": "chat", "gen_ai.request.model": "gemini-2.5-flash", "tollgate.provider": "Google", "tollgate.deployment_id": "dep_1", "tollgate.model": "flash",
      "tollgate.attempt": 1, "gen_ai.provider.name": "gcp.gemini", "gen_ai.system": "gcp.gemini", "server.address": "example.test", "server.port": 8443,
      "error.type": "upstream_error", "http.response.status_code": 503,
    });
    expect(served).toMatchObject({ status: {} });
    expect(attributes(served)["tollgate.attempt"]).toBe(2);
    expect(attributes(served)).not.toHaveProperty("error.type");
    expect(spans[3]).toMatchObject({ kind: 1, attributes: [] });
    // A later batch uses the strings the first one sent to the thread (the table), and adds its new ones.
    received.length = 0;
    const requestId = "req_0123456789abcdef0123456789abcdef";
    traces.start(requestId, "chat.completions", headers(), performance.now());
    traces.endAttempt(traces.attempt(requestId, { number: 1, deployment, model: { name: "flash" } }));
    traces.ended(usageEvent(requestId, { teamId: "team_new", keyId: "key_1" }));
    await recorder.forceFlush();
    const later = received.flatMap((r) => r.spans);
    expect(later.map((s) => s.name)).toEqual(["chat gemini-2.5-flash", "chat flash"]);
    expect(attributes(later[0])).toMatchObject({ "tollgate.deployment_id": "dep_1", "tollgate.model": "flash", "server.address": "example.test" });
    expect(attributes(later[1])).toMatchObject({ "tollgate.request_id": requestId, "tollgate.key_id": "key_1", "tollgate.team_id": "team_new", "gen_ai.response.model": "gemini-2.5-flash" });
    await recorder.shutdown();
  });

  it("fills the arrays the export thread gives back, and a reused record carries nothing of the one before it", async () => {
    received.length = 0;
    const recorder = new SpanRecorder({ url, protocol, resource: { "service.name": "test" }, scope: "tollgate" });
    const traces = new CallTraces(recorder, 1);
    // First batch: every field a call and an attempt can carry.
    traces.start("req_a", "chat.completions", headers(), performance.now());
    traces.endAttempt(traces.attempt("req_a", { number: 1, deployment, model: { name: "flash" } }), Object.assign(new Error("x"), { code: "upstream_error", upstreamStatus: 503 }));
    traces.ended(usageEvent("req_a", { teamId: "team_a", status: 502, errorType: "upstream_error", ttftMs: 12, fallbackModel: "other", cache: "miss" }));
    await recorder.forceFlush();
    await expect.poll(() => recorder.spareBatches).toBe(1);
    // Second batch, in the same array: the fewest fields.
    received.length = 0;
    traces.start("req_b", "chat.completions", headers(), performance.now());
    traces.endAttempt(traces.attempt("req_b", { number: 1, deployment: { ...deployment, target: { baseUrl: null } }, model: { name: "flash" } }));
    traces.failed("req_b", 400, Object.assign(new Error("bad"), { code: "invalid_request" }));
    await recorder.forceFlush();
    expect(recorder.spareBatches).toBe(1);
    const [attempt, call] = received.flatMap((r) => r.spans);
    expect(attempt.status).toEqual({});
    expect(attributes(attempt)).toEqual({
      "gen_ai.operation.name": "chat", "gen_ai.request.model": "gemini-2.5-flash", "tollgate.provider": "Google", "tollgate.deployment_id": "dep_1", "tollgate.model": "flash",
      "tollgate.attempt": 1, "gen_ai.provider.name": "gcp.gemini", "gen_ai.system": "gcp.gemini",
    });
    expect(attributes(call)).toEqual({ "tollgate.request_id": "req_b", "tollgate.endpoint": "chat.completions", "http.response.status_code": 400, "error.type": "invalid_request" });
    await recorder.shutdown();
  });

  it("follows the caller's traceparent (its trace, its parent, its sampling decision) and samples the rest at the ratio", async () => {
    received.length = 0;
    const recorder = new SpanRecorder({ url, protocol, resource: { "service.name": "test" }, scope: "tollgate" });
    const traces = new CallTraces(recorder, 0);
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    traces.start("sampled", "embeddings", headers({ traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: "vendor=a" }), performance.now());
    traces.start("not-sampled", "chat.completions", headers({ traceparent: `00-${traceId}-00f067aa0ba902b7-00` }), performance.now());
    traces.start("no-parent", "chat.completions", headers(), performance.now());
    traces.start("invalid-parent", "chat.completions", headers({ traceparent: `00-${"0".repeat(32)}-00f067aa0ba902b7-01` }), performance.now());
    expect(traces.openCount).toBe(1);
    for (const id of ["not-sampled", "no-parent", "invalid-parent"]) expect(traces.child(id)).toBe(NO_SPAN);
    traces.endUsageWrite(traces.child("sampled"));
    traces.failed("sampled", 502, Object.assign(new Error("all deployments failed"), { code: "upstream_error" }));
    await recorder.shutdown();
    const spans = received.flatMap((r) => r.spans);
    expect(spans).toHaveLength(2);
    expect(spans[1]).toMatchObject({ traceId, parentSpanId: "00f067aa0ba902b7", traceState: "vendor=a", name: "embeddings", kind: 2, status: { code: 2, message: "upstream_error" } });
    expect(attributes(spans[1])).toEqual({ "tollgate.request_id": "sampled", "tollgate.endpoint": "embeddings", "http.response.status_code": 502, "error.type": "upstream_error" });
    expect(spans[0]).toMatchObject({ traceId, parentSpanId: spans[1].spanId, name: "tollgate.usage.write" });
  });

  it("sends an export again when the collector answers 503, and exports what is still batched at shutdown", async () => {
    received.length = 0;
    failFirst.push(503);
    const recorder = new SpanRecorder({ url, protocol, resource: { "service.name": "test" }, scope: "tollgate" });
    const traces = new CallTraces(recorder, 1);
    for (let i = 0; i < 3; i += 1) {
      traces.start(`req_${i}`, "chat.completions", headers(), performance.now());
      traces.failed(`req_${i}`, 401, Object.assign(new Error("bad key"), { code: "invalid_api_key" }));
    }
    await recorder.shutdown();
    expect(received.map((r) => [r.status, r.spans.length])).toEqual([
      [503, 3],
      [200, 3],
    ]);
    expect(received[1].spans[0]).toMatchObject({ name: "chat", status: {} });
    expect(attributes(received[1].spans[0])).toMatchObject({ "http.response.status_code": 401, "error.type": "invalid_api_key" });
  });
});
