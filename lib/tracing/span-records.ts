// The finished spans the proxy's thread hands to the OTLP export thread (otlp-export-thread.ts), as
// raw data: no attribute objects, no span names, no hex ids. A batch is a Float64Array with
// RECORD_NUMBERS numbers a span (its kind of span, ids as 32-bit words, times, status and the numeric
// values of its attributes) plus one array of the strings its attributes need, in record order (each
// kind of record takes a fixed number of them, STRINGS_OF). The Float64Array is transferred to the
// thread, not copied; only the strings go through the structured clone. The thread turns a record
// into a span with its name and GenAI attributes (otlp-json.ts), so what the proxy's thread pays per
// span is a few dozen stores (docs/decisions/022-traces-exported-off-thread.md).

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
export const RECORD_NUMBERS = 21;

// The strings of a record (null = absent), in this order after the previous record's.
/** every call record: request id, endpoint, the caller's tracestate */
export const CALL_STRINGS = 3;
/** CALL_ENDED, after CALL_STRINGS: model, upstream model, provider kind, provider name, deployment id, key id, team id, cache, fallback model, refusal, error type */
export const ENDED_STRINGS = 11;
/** CALL_FAILED, after CALL_STRINGS: error type */
export const FAILED_STRINGS = 1;
/** every child record: its error type; then ADMISSION: its outcome; ATTEMPT: endpoint, upstream model, provider kind, provider name, deployment id, model, base URL */
export const CHILD_STRINGS = 1;
export const ATTEMPT_STRINGS = 7;

/** How many strings a record of each kind takes. */
export const STRINGS_OF: Record<RecordKind, number> = {
  [CALL_ENDED]: CALL_STRINGS + ENDED_STRINGS,
  [CALL_FAILED]: CALL_STRINGS + FAILED_STRINGS,
  [CALL_ABANDONED]: CALL_STRINGS,
  [ADMISSION]: CHILD_STRINGS + 1,
  [ATTEMPT]: CHILD_STRINGS + ATTEMPT_STRINGS,
  [USAGE_WRITE]: CHILD_STRINGS,
};

export interface SpanBatch {
  /** RECORD_NUMBERS numbers for each of `count` spans (the array may be longer) */
  numbers: Float64Array;
  strings: (string | null)[];
  count: number;
}

export type ToExportThread = ({ type: "spans" } & SpanBatch) | { type: "flush"; id: number } | { type: "close"; id: number };
export type FromExportThread = { type: "flushed"; id: number } | { type: "failed"; message: string; spans: number };

/** A string or number attribute value, as the resource's are given. */
export type ResourceAttributes = Record<string, string | number | boolean>;

export interface ExportThreadData {
  /** the traces endpoint (`<endpoint>/v1/traces`) */
  url: string;
  /** resource attributes (service.name) */
  resource: ResourceAttributes;
  /** the instrumentation scope's name */
  scope: string;
}
