// The spans the proxy's thread hands to the OTLP export thread (otlp-export-thread.ts), and their
// OTLP/HTTP JSON encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding: ids in
// hex, times as decimal strings of nanoseconds, enums as numbers). A batch is one flat array with
// SPAN_FIELDS entries per span, no object per span but its attributes (the SDK's own, passed as
// they are), so handing a finished span over costs a few array stores; the structured clone of
// postMessage and everything below run on the export thread's side.
import type { AttributeValue, Attributes } from "@opentelemetry/api";

/** Fields per span in a SpanBatch: traceId, spanId, parentSpanId ("" for a root), name, kind (the API's), start s, start ns, end s, end ns, status code, status message ("" for none), attributes. */
export const SPAN_FIELDS = 12;

export type SpanBatch = (string | number | Attributes)[];

export type ToExportThread = { type: "spans"; batch: SpanBatch } | { type: "flush"; id: number } | { type: "close"; id: number };
export type FromExportThread = { type: "flushed"; id: number } | { type: "failed"; message: string; spans: number };

export interface ExportThreadData {
  /** the traces endpoint (`<endpoint>/v1/traces`) */
  url: string;
  /** resource attributes (service.name) */
  resource: Attributes;
  /** the instrumentation scope's name */
  scope: string;
}

/** One attribute value as OTLP JSON's AnyValue (integers as intValue, other numbers as doubleValue). */
function valueJson(value: AttributeValue | null | undefined): string {
  if (typeof value === "string") return `{"stringValue":${JSON.stringify(value)}}`;
  if (typeof value === "boolean") return value ? '{"boolValue":true}' : '{"boolValue":false}';
  if (typeof value === "number") return Number.isInteger(value) ? `{"intValue":${value}}` : `{"doubleValue":${JSON.stringify(value)}}`;
  if (Array.isArray(value)) return `{"arrayValue":{"values":[${(value as (AttributeValue | null | undefined)[]).map(valueJson).join(",")}]}}`;
  return "{}";
}

function attributesJson(attributes: Attributes): string {
  let out = "";
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    out += `${out === "" ? "" : ","}{"key":${JSON.stringify(key)},"value":${valueJson(value)}}`;
  }
  return out;
}

/** An HrTime ([seconds, nanoseconds]) as OTLP's decimal string of nanoseconds. */
export function unixNanos(seconds: number, nanos: number): string {
  if (seconds === 0) return String(nanos);
  return `${seconds}${String(nanos).padStart(9, "0")}`;
}

/**
 * The OTLP/HTTP JSON body of the spans of `batches` (each a SpanBatch), written as text directly:
 * no object per span or attribute to build and then stringify (the ids are hex, the times digits;
 * names, keys and string values go through JSON.stringify).
 */
export function encodeOtlpJson(batches: SpanBatch[], data: Pick<ExportThreadData, "resource" | "scope">): string {
  let spans = "";
  for (const batch of batches) {
    for (let i = 0; i + SPAN_FIELDS <= batch.length; i += SPAN_FIELDS) {
      const parentSpanId = batch[i + 2] as string;
      const statusMessage = batch[i + 10] as string;
      spans +=
        `${spans === "" ? "" : ","}{"traceId":"${batch[i] as string}","spanId":"${batch[i + 1] as string}",` +
        (parentSpanId ? `"parentSpanId":"${parentSpanId}",` : "") +
        // OTLP's SpanKind is the API's plus one (0 is UNSPECIFIED there).
        `"name":${JSON.stringify(batch[i + 3])},"kind":${(batch[i + 4] as number) + 1},` +
        `"startTimeUnixNano":"${unixNanos(batch[i + 5] as number, batch[i + 6] as number)}",` +
        `"endTimeUnixNano":"${unixNanos(batch[i + 7] as number, batch[i + 8] as number)}",` +
        `"attributes":[${attributesJson(batch[i + 11] as Attributes)}],"droppedAttributesCount":0,"events":[],"droppedEventsCount":0,` +
        `"status":{"code":${batch[i + 9] as number}${statusMessage ? `,"message":${JSON.stringify(statusMessage)}` : ""}},"links":[],"droppedLinksCount":0}`;
    }
  }
  return (
    `{"resourceSpans":[{"resource":{"attributes":[${attributesJson(data.resource)}],"droppedAttributesCount":0},` +
    `"scopeSpans":[{"scope":{"name":${JSON.stringify(data.scope)}},"spans":[${spans}]}]}]}`
  );
}
