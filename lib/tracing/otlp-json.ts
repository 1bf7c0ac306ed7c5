// The OTLP/HTTP JSON body of recorded spans (span-records.ts), on the export thread: each record
// becomes a span with hex ids, nanosecond times, its name, kind, GenAI attributes and status
// (gen-ai.ts, through JsonSpanWriter below), written as bytes (json-writer.ts). Members at their
// default (empty lists, zero counts, an unset status code) are left out, as the protobuf JSON mapping
// allows. otlp-protobuf.ts writes the same spans as protobuf.
import { slotString, writeSpanMembers } from "./gen-ai";
import { bytes, JsonWriter } from "./json-writer";
import { CALL_ABANDONED, CALL_ENDED, CALL_FAILED, END, KIND, NO_STRING, ONE_OFF, PARENT_ID, RECORD_NUMBERS, SPAN_ID, START, STRINGS, TRACE_ID, type ExportThreadData, type SpanBatch } from "./span-records";
import type { AttributeKey, SpanKind, SpanSource, SpanWriter } from "./span-writer";
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

const NAME = bytes('"name":');
const QUOTE = bytes('"');
const CHAT_ = bytes('"chat ');
const EMBEDDINGS_ = bytes('"embeddings ');
const KINDS = [bytes(""), bytes(',"kind":1,"attributes":'), bytes(',"kind":2,"attributes":'), bytes(',"kind":3,"attributes":')];
const CLOSE = bytes("}}");
const TRUE = bytes("true}}");
const FALSE = bytes("false}}");
const STATUS_UNSET = bytes(',"status":{}');
const STATUS_ERROR = bytes(',"status":{"code":2');
const STATUS_MESSAGE = bytes(',"message":');
const REQUEST_ID_PREFIX = bytes('"req_');

/** A span's members as OTLP JSON (`"name":…,"kind":…,"attributes":[…],"status":{…}`), into a JsonWriter. */
class JsonSpanWriter implements SpanWriter {
  constructor(readonly w: JsonWriter) {}

  /** Slot `k`'s string as a JSON literal (the table's pre-encoded bytes; a one-off escaped now). The slot is not absent. */
  private slot(r: SpanSource, k: number): void {
    const v = r.numbers[r.at + STRINGS + k];
    if (v >= 0) this.w.raw(r.strings.literals[v]);
    else this.w.string(r.texts![ONE_OFF - v]);
  }

  name(operation: string, r: SpanSource, slot: number): void {
    const { w } = this;
    w.raw(NAME);
    const v = slot < 0 ? NO_STRING : r.numbers[r.at + STRINGS + slot];
    if (v === NO_STRING) {
      w.string(operation);
      return;
    }
    w.raw(operation === "chat" ? CHAT_ : EMBEDDINGS_);
    // The model's literal without its opening quote.
    if (v >= 0) w.raw(r.strings.literals[v], 1);
    else {
      w.chars(r.texts![ONE_OFF - v]);
      w.raw(QUOTE);
    }
  }

  attributes(kind: SpanKind): number {
    this.w.raw(KINDS[kind]);
    return this.w.listStart();
  }

  attributesEnd(mark: number): void {
    this.w.listEnd(mark);
  }

  text(key: AttributeKey, value: string | null): void {
    if (!value) return;
    this.w.raw(key.json.string);
    this.w.string(value);
    this.w.raw(CLOSE);
  }

  textSlot(key: AttributeKey, r: SpanSource, slot: number): void {
    if (r.numbers[r.at + STRINGS + slot] === NO_STRING) return;
    this.w.raw(key.json.string);
    this.slot(r, slot);
    this.w.raw(CLOSE);
  }

  number(key: AttributeKey, value: number): void {
    if (Number.isNaN(value)) return;
    this.w.raw(Number.isSafeInteger(value) ? key.json.int : key.json.double);
    this.w.number(value);
    this.w.raw(CLOSE);
  }

  bool(key: AttributeKey, value: boolean): void {
    this.w.raw(key.json.bool);
    this.w.raw(value ? TRUE : FALSE);
  }

  requestIdWords(key: AttributeKey, r: SpanSource, at: number): void {
    this.w.raw(key.json.string);
    this.w.hex(r.numbers, at, 4, REQUEST_ID_PREFIX);
    this.w.raw(CLOSE);
  }

  status(error: boolean, r: SpanSource, messageSlot: number): void {
    if (!error) {
      this.w.raw(STATUS_UNSET);
      return;
    }
    this.w.raw(STATUS_ERROR);
    if (messageSlot >= 0 && r.numbers[r.at + STRINGS + messageSlot] !== NO_STRING) {
      this.w.raw(STATUS_MESSAGE);
      this.slot(r, messageSlot);
    }
    this.w.raw(SPAN_END);
  }
}

/** One span writer per JsonWriter (the export thread has one of each). */
const spanWriters = new WeakMap<JsonWriter, JsonSpanWriter>();

/** Writes the span of record `r`. */
function writeSpan(w: JsonWriter, members: JsonSpanWriter, r: SpanSource): void {
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
  writeSpanMembers(members, r);
  w.raw(SPAN_END);
}

/** Encodes every span of `batches` under one resource and scope into `w` (from its start). */
export function encodeOtlpJson(w: JsonWriter, batches: SpanBatch[], strings: ReceivedStrings, data: Pick<ExportThreadData, "resource" | "scope">): Buffer {
  let members = spanWriters.get(w);
  if (!members) spanWriters.set(w, (members = new JsonSpanWriter(w)));
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
      writeSpan(w, members, r);
    }
  }
  w.raw(BODY_END);
  return w.body();
}
