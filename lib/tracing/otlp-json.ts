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

interface OtlpValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number;
  doubleValue?: number;
  arrayValue?: { values: OtlpValue[] };
}

function otlpValue(value: AttributeValue | null | undefined): OtlpValue {
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  if (typeof value === "number") return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: (value as (AttributeValue | null | undefined)[]).map(otlpValue) } };
  return {};
}

function otlpAttributes(attributes: Attributes): { key: string; value: OtlpValue }[] {
  const out: { key: string; value: OtlpValue }[] = [];
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) out.push({ key, value: otlpValue(value) });
  }
  return out;
}

/** An HrTime ([seconds, nanoseconds]) as OTLP's decimal string of nanoseconds. */
export function unixNanos(seconds: number, nanos: number): string {
  if (seconds === 0) return String(nanos);
  return `${seconds}${String(nanos).padStart(9, "0")}`;
}

/** The OTLP/HTTP JSON body of the spans of `batches` (each a SpanBatch). */
export function encodeOtlpJson(batches: SpanBatch[], data: Pick<ExportThreadData, "resource" | "scope">): string {
  const spans: unknown[] = [];
  for (const batch of batches) {
    for (let i = 0; i + SPAN_FIELDS <= batch.length; i += SPAN_FIELDS) {
      const parentSpanId = batch[i + 2] as string;
      const statusCode = batch[i + 9] as number;
      const statusMessage = batch[i + 10] as string;
      spans.push({
        traceId: batch[i],
        spanId: batch[i + 1],
        ...(parentSpanId ? { parentSpanId } : {}),
        name: batch[i + 3],
        // OTLP's SpanKind is the API's plus one (0 is UNSPECIFIED there).
        kind: (batch[i + 4] as number) + 1,
        startTimeUnixNano: unixNanos(batch[i + 5] as number, batch[i + 6] as number),
        endTimeUnixNano: unixNanos(batch[i + 7] as number, batch[i + 8] as number),
        attributes: otlpAttributes(batch[i + 11] as Attributes),
        droppedAttributesCount: 0,
        events: [],
        droppedEventsCount: 0,
        status: statusMessage ? { code: statusCode, message: statusMessage } : { code: statusCode },
        links: [],
        droppedLinksCount: 0,
      });
    }
  }
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: otlpAttributes(data.resource), droppedAttributesCount: 0 }, scopeSpans: [{ scope: { name: data.scope }, spans }] }],
  });
}
