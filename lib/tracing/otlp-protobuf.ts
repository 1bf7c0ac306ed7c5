// The OTLP/HTTP protobuf body (ExportTraceServiceRequest, content-type application/x-protobuf: the
// OTLP/HTTP default) of recorded spans (span-records.ts), on the export thread: the same spans, names,
// attributes and statuses as otlp-json.ts writes (gen-ai.ts decides them, through ProtobufSpanWriter
// below), with ids as their raw 16 and 8 bytes and times as fixed64 nanoseconds, written by a
// hand-written writer for this fixed subset of OTLP (protobuf-writer.ts) into one reused Buffer
// (docs/decisions/022-traces-exported-off-thread.md says why not a library). Field numbers: the
// opentelemetry-proto files opentelemetry/proto/{collector/trace,trace,common,resource}/v1/*.proto.
import { slotString, writeSpanMembers } from "./gen-ai";
import { delimited, ProtobufWriter, tag, varintSize } from "./protobuf-writer";
import { CALL_ABANDONED, CALL_ENDED, CALL_FAILED, END, KIND, NO_STRING, ONE_OFF, PARENT_ID, RECORD_NUMBERS, SPAN_ID, START, STRINGS, TRACE_ID, type ExportThreadData, type SpanBatch } from "./span-records";
import type { AttributeKey, SpanKind, SpanSource, SpanWriter } from "./span-writer";
import type { ReceivedStrings } from "./string-table";

// ExportTraceServiceRequest.resource_spans = 1; ResourceSpans: resource = 1, scope_spans = 2;
// ScopeSpans: scope = 1, spans = 2; Resource.attributes = 1; InstrumentationScope.name = 1.
// Span: trace_id 1, span_id 2, trace_state 3, parent_span_id 4, name 5, kind 6 (enum),
// start_time_unix_nano 7 and end_time_unix_nano 8 (fixed64), attributes 9, status 15.
// KeyValue: key 1, value 2. AnyValue: string_value 1, bool_value 2, int_value 3 (int64), double_value 4.
// Status: message 2, code 3 (2 = ERROR).
const TRACE_ID_FIELD = [tag(1, 2), 16];
const SPAN_ID_FIELD = [tag(2, 2), 8];
const PARENT_ID_FIELD = [tag(4, 2), 8];
const TRACE_STATE = 3;
const NAME = 5;
const KIND_TAG = tag(6, 0);
const START_TAG = tag(7, 1);
const END_TAG = tag(8, 1);
const ATTRIBUTE_TAG = tag(9, 2);
const STATUS_UNSET = Buffer.from([tag(15, 2), 0]);
const STATUS = 15;
const KEY_VALUE_VALUE_TAG = tag(2, 2);
const STRING_VALUE_TAG = tag(1, 2);
const BOOL_VALUE_TAG = tag(2, 0);
const INT_VALUE_TAG = tag(3, 0);
const DOUBLE_VALUE_TAG = tag(4, 1);
const STATUS_MESSAGE_TAG = tag(2, 2);
const STATUS_CODE_ERROR = Buffer.from([tag(3, 0), 2]);
const CHAT_ = Buffer.from("chat ");
const EMBEDDINGS_ = Buffer.from("embeddings ");
const REQUEST_ID_PREFIX = Buffer.from("req_");
const EMPTY = new Float64Array(0);
// The most bytes of pre-encoded string attributes and span names a span writer keeps
// (ProtobufSpanWriter.keep): past it, the others are written part by part as before.
const MAX_CACHED_BYTES = 4 << 20;
// Room reserved for lengths: a span's two bytes (128 B to 16 KB); the outer messages' three (up to 2 MB).
const SPAN_LENGTH_BYTES = 2;
const OUTER_LENGTH_BYTES = 3;

/** A one-off string's UTF-8 length (the common ASCII case without an encoder call). */
function utf8Length(value: string): number {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) >= 0x80) return Buffer.byteLength(value, "utf8");
  return value.length;
}

/** A span's members (name, kind, times, attributes, status) as protobuf, into a ProtobufWriter. */
class ProtobufSpanWriter implements SpanWriter {
  /** the record being written (its times follow its kind, in field order) */
  current: SpanSource | null = null;
  /**
   * Whole string attributes (KeyValue field, key, value), by key index then table string index,
   * encoded the first time: most attributes repeat a table string (a model, a provider, a key id),
   * and copying one run of bytes costs less than writing its six parts each time.
   */
  private cached: (Buffer | undefined)[][] = [];
  /** span names `chat {model}` and `embeddings {model}` (the name field), by the model's table index */
  private chatNames: (Buffer | undefined)[] = [];
  private embeddingsNames: (Buffer | undefined)[] = [];
  private cachedBytes = 0;
  /** the table whose indices `cached` is by */
  private cachedFor: ReceivedStrings | null = null;

  constructor(readonly w: ProtobufWriter) {}

  /** Writes spans whose string slots index `strings` (the export thread has one table; a test may bring several). */
  use(strings: ReceivedStrings): void {
    if (strings === this.cachedFor) return;
    this.cachedFor = strings;
    this.cached = [];
    this.chatNames = [];
    this.embeddingsNames = [];
    this.cachedBytes = 0;
  }

  /** Starts a KeyValue attribute whose AnyValue takes `valueLength` bytes. */
  private attribute(key: AttributeKey, valueLength: number): void {
    const keyValueLength = key.proto.length + 1 + varintSize(valueLength) + valueLength;
    this.w.byte(ATTRIBUTE_TAG);
    this.w.varint(keyValueLength);
    this.w.raw(key.proto);
    this.w.byte(KEY_VALUE_VALUE_TAG);
    this.w.varint(valueLength);
  }

  /** A string attribute of `length` UTF-8 bytes, up to its bytes (the caller writes them). */
  private stringAttribute(key: AttributeKey, length: number): void {
    this.attribute(key, 1 + varintSize(length) + length);
    this.w.byte(STRING_VALUE_TAG);
    this.w.varint(length);
  }

  name(operation: string, r: SpanSource, slot: number): void {
    const { w } = this;
    const v = slot < 0 ? NO_STRING : r.numbers[r.at + STRINGS + slot];
    if (v === NO_STRING) {
      w.byte(tag(NAME, 2));
      w.varint(utf8Length(operation));
      w.utf8(operation);
      return;
    }
    const prefix = operation === "chat" ? CHAT_ : EMBEDDINGS_;
    if (v >= 0) {
      // Cached like a string attribute (textSlot), under a table of its own per operation.
      const byModel = prefix === CHAT_ ? this.chatNames : this.embeddingsNames;
      const whole = byModel[v];
      if (whole !== undefined) {
        w.raw(whole);
        return;
      }
      const from = w.length;
      const model = r.strings.utf8[v];
      w.byte(tag(NAME, 2));
      w.varint(prefix.length + model.length);
      w.raw(prefix);
      w.raw(model);
      this.keep(byModel, v, from);
    } else {
      w.byte(tag(NAME, 2));
      const model = r.texts![ONE_OFF - v];
      w.varint(prefix.length + utf8Length(model));
      w.raw(prefix);
      w.utf8(model);
    }
  }

  attributes(kind: SpanKind): number {
    const { w } = this;
    const { numbers, at } = this.current!;
    w.byte(KIND_TAG);
    w.byte(kind);
    w.byte(START_TAG);
    w.unixNanos(numbers[at + START]);
    w.byte(END_TAG);
    w.unixNanos(numbers[at + END]);
    return 0;
  }

  attributesEnd(): void {}

  text(key: AttributeKey, value: string | null): void {
    if (!value) return;
    this.stringAttribute(key, utf8Length(value));
    this.w.utf8(value);
  }

  textSlot(key: AttributeKey, r: SpanSource, slot: number): void {
    const v = r.numbers[r.at + STRINGS + slot];
    if (v === NO_STRING) return;
    if (v < 0) {
      this.text(key, r.texts![ONE_OFF - v]);
      return;
    }
    const byString = (this.cached[key.index] ??= []);
    const whole = byString[v];
    if (whole !== undefined) {
      this.w.raw(whole);
      return;
    }
    const { w } = this;
    const bytes = r.strings.utf8[v];
    const from = w.length;
    this.stringAttribute(key, bytes.length);
    w.raw(bytes);
    this.keep(byString, v, from);
  }

  /** Keeps the bytes written since `from` as entry `index` of `table`, while the cache has room. */
  private keep(table: (Buffer | undefined)[], index: number, from: number): void {
    const size = this.w.length - from;
    if (this.cachedBytes + size > MAX_CACHED_BYTES) return;
    table[index] = Buffer.from(this.w.body().subarray(from));
    this.cachedBytes += size;
  }

  number(key: AttributeKey, value: number): void {
    if (Number.isNaN(value)) return;
    if (Number.isSafeInteger(value)) {
      this.attribute(key, 1 + (value < 0 ? 10 : varintSize(value)));
      this.w.byte(INT_VALUE_TAG);
      this.w.int64(value);
    } else {
      this.attribute(key, 9);
      this.w.byte(DOUBLE_VALUE_TAG);
      this.w.double(value);
    }
  }

  bool(key: AttributeKey, value: boolean): void {
    this.attribute(key, 2);
    this.w.byte(BOOL_VALUE_TAG);
    this.w.byte(value ? 1 : 0);
  }

  requestIdWords(key: AttributeKey, r: SpanSource, at: number): void {
    this.stringAttribute(key, REQUEST_ID_PREFIX.length + 32);
    this.w.raw(REQUEST_ID_PREFIX);
    this.w.hex(r.numbers, at, 4);
  }

  status(error: boolean, r: SpanSource, messageSlot: number): void {
    const { w } = this;
    if (!error) {
      w.raw(STATUS_UNSET);
      return;
    }
    const mark = w.begin(STATUS, 1);
    if (messageSlot >= 0 && r.numbers[r.at + STRINGS + messageSlot] !== NO_STRING) {
      const v = r.numbers[r.at + STRINGS + messageSlot];
      w.byte(STATUS_MESSAGE_TAG);
      if (v >= 0) {
        w.varint(r.strings.utf8[v].length);
        w.raw(r.strings.utf8[v]);
      } else {
        const message = r.texts![ONE_OFF - v];
        w.varint(utf8Length(message));
        w.utf8(message);
      }
    }
    w.raw(STATUS_CODE_ERROR);
    w.end(mark, 1);
  }
}

/** Writes the span of record `r` (a Span message, as ScopeSpans' field 2). */
function writeSpan(w: ProtobufWriter, members: ProtobufSpanWriter, r: SpanSource): void {
  const { numbers, at } = r;
  const mark = w.begin(2, SPAN_LENGTH_BYTES);
  w.byte(TRACE_ID_FIELD[0]);
  w.byte(TRACE_ID_FIELD[1]);
  w.words(numbers, at + TRACE_ID, 4);
  w.byte(SPAN_ID_FIELD[0]);
  w.byte(SPAN_ID_FIELD[1]);
  w.words(numbers, at + SPAN_ID, 2);
  // A call's record carries the caller's tracestate (its third string slot).
  const kind = numbers[at + KIND];
  const traceState = kind === CALL_ENDED || kind === CALL_FAILED || kind === CALL_ABANDONED ? slotString(r, 2) : null;
  if (traceState) {
    w.byte(tag(TRACE_STATE, 2));
    w.varint(utf8Length(traceState));
    w.utf8(traceState);
  }
  if (numbers[at + PARENT_ID] !== 0 || numbers[at + PARENT_ID + 1] !== 0) {
    w.byte(PARENT_ID_FIELD[0]);
    w.byte(PARENT_ID_FIELD[1]);
    w.words(numbers, at + PARENT_ID, 2);
  }
  members.current = r;
  writeSpanMembers(members, r);
  w.end(mark, SPAN_LENGTH_BYTES);
}

/** The resource (ResourceSpans' field 1) and the scope (ScopeSpans' field 1): the same in every export, encoded once. */
const headers = new WeakMap<object, { resource: Buffer; scope: Buffer }>();
function headerOf(data: Pick<ExportThreadData, "resource" | "scope">): { resource: Buffer; scope: Buffer } {
  let found = headers.get(data);
  if (found) return found;
  const w = new ProtobufWriter(1024);
  const resource = w.begin(1, OUTER_LENGTH_BYTES);
  for (const [name, value] of Object.entries(data.resource)) {
    const keyValue = w.begin(1, OUTER_LENGTH_BYTES);
    w.raw(delimited(1, Buffer.from(name, "utf8")));
    const anyValue = w.begin(2, OUTER_LENGTH_BYTES);
    if (typeof value === "string") w.raw(delimited(1, Buffer.from(value, "utf8")));
    else if (typeof value === "boolean") {
      w.byte(BOOL_VALUE_TAG);
      w.byte(value ? 1 : 0);
    } else if (Number.isSafeInteger(value)) {
      w.byte(INT_VALUE_TAG);
      w.int64(value);
    } else {
      w.byte(DOUBLE_VALUE_TAG);
      w.double(value);
    }
    w.end(anyValue, OUTER_LENGTH_BYTES);
    w.end(keyValue, OUTER_LENGTH_BYTES);
  }
  w.end(resource, OUTER_LENGTH_BYTES);
  const resourceBytes = Buffer.from(w.body());
  found = { resource: resourceBytes, scope: delimited(1, delimited(1, Buffer.from(data.scope, "utf8"))) };
  headers.set(data, found);
  return found;
}

/** One span writer per ProtobufWriter (the export thread has one of each). */
const spanWriters = new WeakMap<ProtobufWriter, ProtobufSpanWriter>();

/** Encodes every span of `batches` under one resource and scope into `w` (from its start): an ExportTraceServiceRequest. */
export function encodeOtlpProtobuf(w: ProtobufWriter, batches: SpanBatch[], strings: ReceivedStrings, data: Pick<ExportThreadData, "resource" | "scope">): Buffer {
  let members = spanWriters.get(w);
  if (!members) spanWriters.set(w, (members = new ProtobufSpanWriter(w)));
  members.use(strings);
  const header = headerOf(data);
  w.reset();
  const resourceSpans = w.begin(1, OUTER_LENGTH_BYTES);
  w.raw(header.resource);
  const scopeSpans = w.begin(2, OUTER_LENGTH_BYTES);
  w.raw(header.scope);
  // One reader moved from record to record (no object per span).
  const r: SpanSource = { numbers: EMPTY, at: 0, strings, texts: null };
  for (const { numbers, texts, count } of batches) {
    r.numbers = numbers;
    r.texts = texts;
    for (let i = 0; i < count; i += 1) {
      r.at = i * RECORD_NUMBERS;
      writeSpan(w, members, r);
    }
  }
  members.current = null;
  w.end(scopeSpans, OUTER_LENGTH_BYTES);
  w.end(resourceSpans, OUTER_LENGTH_BYTES);
  return w.body();
}
