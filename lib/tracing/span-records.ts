// The finished spans the proxy's thread hands to the OTLP export thread (otlp-export-thread.ts), as
// raw data: no attribute objects, no span names, no hex ids, and in the common case no string
// either. A batch is one Float64Array of RECORD_NUMBERS numbers a span: its kind of span, ids as
// 32-bit words, times, status, the numeric values of its attributes, and its strings as numbers
// (string slots): an index into a table of strings the proxy's thread sends to the thread once, with
// the first batch that uses each (string-table.ts), so a model, provider or deployment name crosses
// the thread boundary once per process, not once per span. The request id (`req_` and 32 hex
// digits) travels as four 32-bit words. Only what the table does not take (a caller's tracestate, a
// request id of another shape, strings past the table's bound) goes as a one-off string with its
// batch. The Float64Array is transferred to the thread, not copied. The thread turns a record into a
// span with its name and GenAI attributes (gen-ai.ts; otlp-protobuf.ts or otlp-json.ts), so what the proxy's thread pays per span is
// a few dozen stores and a Map lookup per string (docs/decisions/022-traces-exported-off-thread.md).

/** What a record is: which span, and for the call's span how it ended. */
export const CALL_ENDED = 0; // the call's span, ended by its usage record
export const CALL_FAILED = 1; // the call's span, ended before any usage record (the client's status)
export const CALL_ABANDONED = 2; // the call's span, ended because too many calls were open
export const ADMISSION = 3;
export const ATTEMPT = 4;
export const USAGE_WRITE = 5;
export type RecordKind = typeof CALL_ENDED | typeof CALL_FAILED | typeof CALL_ABANDONED | typeof ADMISSION | typeof ATTEMPT | typeof USAGE_WRITE;

// The numbers of a record, at these offsets from its start.
export const KIND = 0;
/** trace id: four 32-bit words, most significant first */
export const TRACE_ID = 1;
/** span id: two 32-bit words */
export const SPAN_ID = 5;
/** parent span id: two 32-bit words, both 0 for a root span */
export const PARENT_ID = 7;
/** milliseconds since the epoch, with the fraction performance.now() gives */
export const START = 9;
export const END = 10;
/** 0 = unset, 2 = error (OTLP's status codes) */
export const STATUS = 11;
/** http.response.status_code; NaN = none */
export const HTTP_STATUS = 12;
// CALL_ENDED: the usage record's numbers (a boolean as 0 or 1; NaN = absent)
export const INPUT_TOKENS = 13;
export const OUTPUT_TOKENS = 14;
export const COST_USD = 15;
export const LATENCY_MS = 16;
export const STREAMED = 17;
export const ATTEMPTS = 18;
export const ESTIMATED = 19;
export const TTFT_MS = 20;
// ATTEMPT
export const ATTEMPT_NUMBER = 13;
/** call records: the request id's 32 hex digits as four 32-bit words; NaN = the request id is in its string slot */
export const REQUEST_ID_WORDS = 21;
/** the first string slot: string slot k of a record is its number at STRINGS + k */
export const STRINGS = 25;
/** the most string slots a record has (CALL_ENDED's) */
export const MAX_STRING_SLOTS = 14;
export const RECORD_NUMBERS = STRINGS + MAX_STRING_SLOTS;

// A string slot's value: NO_STRING (null or ""), an index >= 0 into the string table, or a one-off
// string of the batch, `texts[ONE_OFF - value]` (ONE_OFF - i for the i-th).
export const NO_STRING = -1;
export const ONE_OFF = -2;

// The string slots of each kind of record.
/** every call record: request id, endpoint, the caller's tracestate */
export const CALL_STRINGS = 3;
/** CALL_ENDED, after CALL_STRINGS: model, upstream model, provider kind, provider name, deployment id, key id, team id, cache, fallback model, refusal, error type */
export const ENDED_STRINGS = 11;
/** CALL_FAILED, after CALL_STRINGS: error type */
export const FAILED_STRINGS = 1;
/** every child record: its error type; then ADMISSION: its outcome; ATTEMPT: endpoint, upstream model, provider kind, provider name, deployment id, model, base URL */
export const CHILD_STRINGS = 1;
export const ATTEMPT_STRINGS = 7;

export interface SpanBatch {
  /** RECORD_NUMBERS numbers for each of `count` spans (the array may be longer) */
  numbers: Float64Array;
  count: number;
  /** the table's strings the thread has not been sent yet (the table's entries from `firstString` on), or null */
  strings: string[] | null;
  firstString: number;
  /** the batch's one-off strings, or null */
  texts: string[] | null;
}

export type ToExportThread = ({ type: "spans" } & SpanBatch) | { type: "flush"; id: number } | { type: "close"; id: number };
/** "numbers": a batch's numbers given back once encoded, for the proxy's thread to fill again. */
export type FromExportThread = { type: "flushed"; id: number } | { type: "failed"; message: string; spans: number } | { type: "numbers"; numbers: Float64Array<ArrayBuffer> };

/** A string or number attribute value, as the resource's are given. */
export type ResourceAttributes = Record<string, string | number | boolean>;

/** OTLP/HTTP's encodings (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL): protobuf, the default, or JSON. */
export type OtlpProtocol = "http/protobuf" | "http/json";

export interface ExportThreadData {
  /** the traces endpoint (`<endpoint>/v1/traces`) */
  url: string;
  protocol: OtlpProtocol;
  /** resource attributes (service.name) */
  resource: ResourceAttributes;
  /** the instrumentation scope's name */
  scope: string;
}
