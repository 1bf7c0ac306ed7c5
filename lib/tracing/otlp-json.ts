// The OTLP/HTTP JSON body of recorded spans (span-records.ts), on the export thread: each record
// becomes a span with hex ids, nanosecond times, its name, kind, GenAI attributes and status
// (gen-ai.ts), written as bytes (json-writer.ts). Members at their default (empty lists, zero counts,
// an unset status code) are left out, as the protobuf JSON mapping allows.
import { slotString, writeSpanMembers, type SpanSource } from "./gen-ai";
import { bytes, JsonWriter } from "./json-writer";
import { CALL_ABANDONED, CALL_ENDED, CALL_FAILED, END, KIND, PARENT_ID, RECORD_NUMBERS, SPAN_ID, START, TRACE_ID, type ExportThreadData, type SpanBatch } from "./span-records";
import type { ReceivedStrings } from "./string-table";

const TRACE_ID_KEY = bytes('{"traceId":');
const SPAN_ID_KEY = bytes(',"spanId":');
const PARENT_ID_KEY = bytes(',"parentSpanId":');
const TRACE_STATE_KEY = bytes(',"traceState":');
const START_KEY = bytes(',"startTimeUnixNano":');
const END_KEY = bytes(',"endTimeUnixNano":');
const COMMA = bytes(",");
const SPAN_END = bytes("}");
const BODY_END = bytes("]}]}]}");
const EMPTY = new Float64Array(0);

/** Writes the span of record `r`. */
function writeSpan(w: JsonWriter, r: SpanSource): void {
  const { numbers, at } = r;
  w.raw(TRACE_ID_KEY);
  w.hex(numbers, at + TRACE_ID, 4);
  w.raw(SPAN_ID_KEY);
  w.hex(numbers, at + SPAN_ID, 2);
  if (numbers[at + PARENT_ID] !== 0 || numbers[at + PARENT_ID + 1] !== 0) {
    w.raw(PARENT_ID_KEY);
    w.hex(numbers, at + PARENT_ID, 2);
  }
  // A call's record carries the caller's tracestate (its third string slot).
  const kind = numbers[at + KIND];
  const traceState = kind === CALL_ENDED || kind === CALL_FAILED || kind === CALL_ABANDONED ? slotString(r, 2) : null;
  if (traceState) {
    w.raw(TRACE_STATE_KEY);
    w.string(traceState);
  }
  w.raw(START_KEY);
  w.unixNanos(numbers[at + START]);
  w.raw(END_KEY);
  w.unixNanos(numbers[at + END]);
  w.raw(COMMA);
  writeSpanMembers(w, r);
  w.raw(SPAN_END);
}

/** Encodes every span of `batches` under one resource and scope into `w` (from its start). */
export function encodeOtlpJson(w: JsonWriter, batches: SpanBatch[], strings: ReceivedStrings, data: Pick<ExportThreadData, "resource" | "scope">): Buffer {
  w.reset();
  w.ascii(`{"resourceSpans":[{"resource":{"attributes":[`);
  let first = true;
  for (const [name, value] of Object.entries(data.resource)) {
    if (!first) w.raw(COMMA);
    first = false;
    w.ascii(`{"key":`);
    w.string(name);
    w.ascii(typeof value === "string" ? `,"value":{"stringValue":` : typeof value === "number" ? (Number.isInteger(value) ? `,"value":{"intValue":` : `,"value":{"doubleValue":`) : `,"value":{"boolValue":`);
    if (typeof value === "string") w.string(value);
    else w.ascii(String(value));
    w.ascii("}}");
  }
  w.ascii(`]},"scopeSpans":[{"scope":{"name":`);
  w.string(data.scope);
  w.ascii(`},"spans":[`);
  let written = 0;
  // One reader moved from record to record (no object per span).
  const r: SpanSource = { numbers: EMPTY, at: 0, strings, texts: null };
  for (const { numbers, texts, count } of batches) {
    r.numbers = numbers;
    r.texts = texts;
    for (let i = 0; i < count; i += 1) {
      r.at = i * RECORD_NUMBERS;
      if (written++ > 0) w.raw(COMMA);
      writeSpan(w, r);
    }
  }
  w.raw(BODY_END);
  return w.body();
}
