// The OTLP protobuf encoders that were candidates for the export thread, on the same realistic
// exports (calls traced through the pipeline's hooks, traced-calls.ts; 2,048 spans an export, the
// thread's MAX_EXPORT_SPANS): CPU time a span (the minimum of six trials, process CPU time, so time
// spent waiting for a core on a busy machine is left out) and bytes a span, against OTLP JSON:
//   json          lib/tracing/otlp-json.ts (records to bytes)
//   ours          lib/tracing/otlp-protobuf.ts (records to bytes)
//   transformer   @opentelemetry/otlp-transformer's ProtobufTraceSerializer (SDK ReadableSpan objects to bytes)
//   protobufjs    protobufjs's reflection encoder (message objects to bytes)
// The inputs of the last two (span objects with hex ids and attribute objects, message objects with
// Buffers and Longs) are built before the clock starts: their figures leave out what the thread would
// also spend turning records into those objects. Each candidate's body of the first export is read
// back by test/support/otlp-protobuf-decoder.ts and compared with the JSON body.
// otlp-transformer is not a dependency of Tollgate (it requires Node 22.15 and brings the SDK's
// packages); install it elsewhere and name the folder:
//   mkdir -p /tmp/otlp-candidates && (cd /tmp/otlp-candidates && npm init -y && npm install @opentelemetry/otlp-transformer@0.301.2)
//   npx esbuild scripts/bench/diag/otlp-encoders.ts --bundle --platform=node --format=cjs --outfile=node_modules/.cache/otlp-encoders.cjs \
//     && OTLP_CANDIDATES=/tmp/otlp-candidates node node_modules/.cache/otlp-encoders.cjs
// (docs/decisions/022-traces-exported-off-thread.md).
import { isDeepStrictEqual } from "node:util";
import { createRequire } from "node:module";
import { join } from "node:path";
import protobuf from "protobufjs";
import { JsonWriter } from "../../../lib/tracing/json-writer";
import { encodeOtlpJson } from "../../../lib/tracing/otlp-json";
import { encodeOtlpProtobuf } from "../../../lib/tracing/otlp-protobuf";
import { ProtobufWriter } from "../../../lib/tracing/protobuf-writer";
import type { SpanBatch } from "../../../lib/tracing/span-records";
import { ReceivedStrings } from "../../../lib/tracing/string-table";
import { decodeOtlpProtobuf, ExportTraceServiceRequest } from "../../../test/support/otlp-protobuf-decoder";
import { tracedCalls } from "./traced-calls";

const CALLS = 20_480; // 81,920 spans: 40 exports of 2,048
const TRIALS = 7;
const DATA = { resource: { "service.name": "tollgate" }, scope: "tollgate" };

type JsonValue = Record<string, string | number | boolean>;
interface JsonSpan {
  traceId: string; spanId: string; parentSpanId?: string; traceState?: string; name: string; kind: number;
  startTimeUnixNano: string; endTimeUnixNano: string; attributes: { key: string; value: JsonValue }[]; status: { code?: number; message?: string };
}
interface JsonBody { resourceSpans: { resource: { attributes: { key: string; value: JsonValue }[] }; scopeSpans: { scope: { name: string }; spans: JsonSpan[] }[] }[] }

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** The SDK's ReadableSpan for a span of the JSON body (what otlp-transformer serializes). */
function readableSpan(j: JsonSpan, resource: object, scope: object): object {
  const hr = (ns: string) => [Number(BigInt(ns) / 1_000_000_000n), Number(BigInt(ns) % 1_000_000_000n)];
  const context = { traceId: j.traceId, spanId: j.spanId, traceFlags: 0, traceState: j.traceState ? { serialize: () => j.traceState } : undefined };
  return {
    name: j.name, kind: j.kind - 1, spanContext: () => context,
    parentSpanContext: j.parentSpanId ? { traceId: j.traceId, spanId: j.parentSpanId, traceFlags: 0 } : undefined,
    startTime: hr(j.startTimeUnixNano), endTime: hr(j.endTimeUnixNano),
    attributes: Object.fromEntries(j.attributes.map((a) => [a.key, Object.values(a.value)[0]])),
    droppedAttributesCount: 0, events: [], droppedEventsCount: 0, links: [], droppedLinksCount: 0,
    status: { code: j.status.code ?? 0, message: j.status.message }, resource, instrumentationScope: scope,
  };
}

/** protobufjs's message for the JSON body. */
function protobufjsMessage(body: JsonBody): protobuf.Message {
  const Long = protobuf.util.Long as unknown as { fromString(text: string, unsigned: boolean): unknown };
  return ExportTraceServiceRequest.fromObject({
    resourceSpans: body.resourceSpans.map((r) => ({
      resource: r.resource,
      scopeSpans: r.scopeSpans.map((s) => ({
        scope: s.scope,
        spans: s.spans.map((j) => ({
          traceId: Buffer.from(j.traceId, "hex"), spanId: Buffer.from(j.spanId, "hex"), parentSpanId: j.parentSpanId ? Buffer.from(j.parentSpanId, "hex") : undefined,
          traceState: j.traceState, name: j.name, kind: j.kind, startTimeUnixNano: Long.fromString(j.startTimeUnixNano, true), endTimeUnixNano: Long.fromString(j.endTimeUnixNano, true),
          attributes: j.attributes, status: j.status,
        })),
      })),
    })),
  });
}

async function main() {
  const dir = process.env.OTLP_CANDIDATES;
  const transformer = dir
    ? (createRequire(join(dir, "package.json"))("@opentelemetry/otlp-transformer") as { ProtobufTraceSerializer: { serializeRequest(spans: object[]): Uint8Array } }).ProtobufTraceSerializer
    : null;
  if (!transformer) console.log("OTLP_CANDIDATES not set: otlp-transformer left out");

  const traced = tracedCalls();
  for (let i = 0; i < CALLS; i += 1) await traced.call();
  traced.post();
  const strings = new ReceivedStrings();
  const exports: SpanBatch[][] = [];
  for (let i = 0; i < traced.batches.length; i += 2) {
    const group = traced.batches.slice(i, i + 2);
    for (const b of group) strings.add(b.strings, b.firstString);
    exports.push(group);
  }
  const spans = exports.reduce((n, group) => n + group.reduce((m, b) => m + b.count, 0), 0);
  const jsonWriter = new JsonWriter();
  const bodies = exports.map((group) => JSON.parse(encodeOtlpJson(jsonWriter, group, strings, DATA).toString("utf8")) as JsonBody);
  const resource = { attributes: DATA.resource };
  const scope = { name: DATA.scope };
  const sdkSpans = bodies.map((body) => body.resourceSpans[0].scopeSpans[0].spans.map((j) => readableSpan(j, resource, scope)));
  const messages = bodies.map(protobufjsMessage);
  const protobufWriter = new ProtobufWriter();

  const candidates: [string, (i: number) => Uint8Array][] = [
    ["json", (i) => encodeOtlpJson(jsonWriter, exports[i], strings, DATA)],
    ["ours", (i) => encodeOtlpProtobuf(protobufWriter, exports[i], strings, DATA)],
    ...(transformer ? [["transformer", (i: number) => transformer.serializeRequest(sdkSpans[i])] as [string, (i: number) => Uint8Array]] : []),
    ["protobufjs", (i) => ExportTraceServiceRequest.encode(messages[i]).finish()],
  ];
  for (const [name, encode] of candidates) {
    if (name === "json") continue;
    const decoded = JSON.parse(JSON.stringify(decodeOtlpProtobuf(encode(0)))) as JsonBody;
    const same = isDeepStrictEqual(decoded, bodies[0]);
    console.log(`${name}: the first export reads back as the JSON body: ${same}`);
    if (!same) {
      const spans = decoded.resourceSpans[0].scopeSpans[0].spans;
      const at = spans.findIndex((span, i) => !isDeepStrictEqual(span, bodies[0].resourceSpans[0].scopeSpans[0].spans[i]));
      console.log(`  its span ${at}: ${JSON.stringify(spans[at])}\n  JSON's:  ${JSON.stringify(bodies[0].resourceSpans[0].scopeSpans[0].spans[at])}`);
    }
  }
  const times = new Map<string, number[]>(candidates.map(([name]) => [name, []]));
  const bytes = new Map<string, number>();
  for (let trial = 0; trial < TRIALS; trial += 1) {
    for (const [name, encode] of candidates) {
      let total = 0;
      const c = cpu();
      for (let i = 0; i < exports.length; i += 1) total += encode(i).length;
      times.get(name)!.push((cpu() - c) / spans);
      bytes.set(name, total / spans);
    }
  }
  console.log(`${exports.length} exports, ${spans} spans (${(spans / exports.length).toFixed(0)} an export); µs of CPU a span, trials 2-${TRIALS}:`);
  for (const [name] of candidates) {
    const t = times.get(name)!.slice(1);
    console.log(`${name.padEnd(12)} min ${Math.min(...t).toFixed(2)}  (${t.map((v) => v.toFixed(2)).join(" ")})  ${bytes.get(name)!.toFixed(0)} bytes a span`);
  }
}
void main();
