// An OTLP protobuf decoder independent of Tollgate's encoder (lib/tracing/otlp-protobuf.ts): protobufjs
// reading the ExportTraceServiceRequest subset that Tollgate writes, declared below with the field
// numbers and types of opentelemetry-proto (opentelemetry/proto/collector/trace/v1/trace_service.proto,
// trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto). decodeOtlpProtobuf()
// returns what the OTLP JSON encoding of the same request says (hex ids, nanosecond strings, enums as
// numbers, members at their default left out), so that tests compare the two encodings field by field
// and read both with the same code.
import protobuf from "protobufjs";

const SCHEMA = `
syntax = "proto3";
package opentelemetry.proto;
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16; string name = 5;
  int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10; uint32 dropped_events_count = 12; uint32 dropped_links_count = 14; Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
`;

/** protobufjs's type of the request (scripts/bench/diag/otlp-encoders.ts encodes with it too) */
export const ExportTraceServiceRequest = protobuf.parse(SCHEMA, { keepCase: false }).root.lookupType("opentelemetry.proto.ExportTraceServiceRequest");
const Request = ExportTraceServiceRequest;

type Long = { toString(): string; toNumber(): number };
interface DecodedValue { value?: string; stringValue?: string; boolValue?: boolean; intValue?: Long | number; doubleValue?: number }
interface DecodedKeyValue { key: string; value?: DecodedValue }
interface DecodedSpan {
  traceId: Uint8Array; spanId: Uint8Array; traceState: string; parentSpanId: Uint8Array; flags: number; name: string; kind: number;
  startTimeUnixNano: Long; endTimeUnixNano: Long; attributes: DecodedKeyValue[]; droppedAttributesCount: number; status?: { message: string; code: number };
}
interface DecodedRequest { resourceSpans: { resource?: { attributes: DecodedKeyValue[] }; scopeSpans: { scope?: { name: string }; spans: DecodedSpan[] }[] }[] }

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

function value(v: DecodedValue | undefined): Record<string, unknown> {
  switch (v?.value) {
    case "stringValue": return { stringValue: v.stringValue };
    case "boolValue": return { boolValue: v.boolValue };
    // OTLP JSON allows an int64 as a number or a string; Tollgate writes numbers (all safe integers).
    case "intValue": return { intValue: typeof v.intValue === "number" ? v.intValue : Number(v.intValue!.toString()) };
    case "doubleValue": return { doubleValue: v.doubleValue };
    default: throw new Error(`an attribute value Tollgate does not write: ${JSON.stringify(v)}`);
  }
}

const attributes = (list: DecodedKeyValue[]) => list.map((a) => ({ key: a.key, value: value(a.value) }));

function span(s: DecodedSpan): Record<string, unknown> {
  if (s.traceId.length !== 16 || s.spanId.length !== 8) throw new Error(`ids of ${s.traceId.length} and ${s.spanId.length} bytes`);
  const out: Record<string, unknown> = { traceId: hex(s.traceId), spanId: hex(s.spanId) };
  if (s.parentSpanId.length > 0) {
    if (s.parentSpanId.length !== 8) throw new Error(`a parent span id of ${s.parentSpanId.length} bytes`);
    out.parentSpanId = hex(s.parentSpanId);
  }
  if (s.traceState) out.traceState = s.traceState;
  if (s.flags) out.flags = s.flags;
  Object.assign(out, {
    name: s.name, kind: s.kind, startTimeUnixNano: s.startTimeUnixNano.toString(), endTimeUnixNano: s.endTimeUnixNano.toString(), attributes: attributes(s.attributes),
  });
  if (s.droppedAttributesCount) out.droppedAttributesCount = s.droppedAttributesCount;
  const status: Record<string, unknown> = {};
  if (s.status?.code) status.code = s.status.code;
  if (s.status?.message) status.message = s.status.message;
  out.status = status;
  return out;
}

/** An OTLP/HTTP protobuf trace export as its OTLP JSON encoding says it. */
export function decodeOtlpProtobuf(body: Uint8Array): { resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { scope: { name: string }; spans: Record<string, unknown>[] }[] }[] } {
  const request = Request.decode(body) as unknown as DecodedRequest;
  return {
    resourceSpans: request.resourceSpans.map((r) => ({
      resource: { attributes: attributes(r.resource?.attributes ?? []) },
      scopeSpans: r.scopeSpans.map((s) => ({ scope: { name: s.scope?.name ?? "" }, spans: s.spans.map(span) })),
    })),
  };
}

/** A trace export's body by its content type: OTLP protobuf or JSON. */
export function decodeOtlpBody<T>(contentType: string | undefined, body: Buffer): T {
  if (contentType === "application/x-protobuf") return decodeOtlpProtobuf(body) as T;
  if (contentType === "application/json") return JSON.parse(body.toString("utf8")) as T;
  throw new Error(`an OTLP export with content-type ${contentType}`);
}
