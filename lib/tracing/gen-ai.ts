// A recorded span (span-records.ts) as the OpenTelemetry GenAI semantic conventions name it and fill
// in its attributes (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/), written as
// OTLP JSON on the export thread (json-writer.ts). gen_ai.system is the older name of gen_ai.provider.name; both are
// set so that backends that read either one group the calls by provider.
import { bytes, type JsonWriter } from "./json-writer";
import {
  ADMISSION, ATTEMPT, ATTEMPT_NUMBER, ATTEMPTS, CALL_ABANDONED, CALL_ENDED, CALL_FAILED, CALL_STRINGS, CHILD_STRINGS, COST_USD, ESTIMATED, HTTP_STATUS, INPUT_TOKENS, KIND,
  LATENCY_MS, NO_STRING, ONE_OFF, OUTPUT_TOKENS, REQUEST_ID_WORDS, STATUS, STREAMED, STRINGS, TTFT_MS, USAGE_WRITE,
} from "./span-records";
import type { ReceivedStrings } from "./string-table";

/** A record being written: its numbers from `at`; its string slots read through the table and the batch's one-off strings. */
export interface SpanSource {
  numbers: Float64Array;
  at: number;
  strings: ReceivedStrings;
  texts: string[] | null;
}

/** The string in slot `k` of the record, null when absent. */
export function slotString(r: SpanSource, k: number): string | null {
  const v = r.numbers[r.at + STRINGS + k];
  if (v === NO_STRING) return null;
  return v >= 0 ? r.strings.values[v] : r.texts![ONE_OFF - v];
}

/** Slot `k`'s string as a JSON literal (the table's pre-encoded bytes; a one-off escaped now). The slot is not absent. */
function writeSlot(w: JsonWriter, r: SpanSource, k: number): void {
  const v = r.numbers[r.at + STRINGS + k];
  if (v >= 0) w.raw(r.strings.literals[v]);
  else w.string(r.texts![ONE_OFF - v]);
}

/** gen_ai.operation.name of each proxy endpoint. */
export function operationName(endpoint: string): "chat" | "embeddings" {
  return endpoint === "embeddings" ? "embeddings" : "chat";
}

/** gen_ai.provider.name: the convention's well-known values where a kind has one, else the kind. */
export function providerNameOf(kind: string | null): string | null {
  if (kind === "gemini") return "gcp.gemini";
  return kind;
}

/** An attribute's JSON up to its value, for each type of value (with the comma that precedes it in the list). */
interface Key {
  string: Buffer;
  int: Buffer;
  double: Buffer;
  bool: Buffer;
}

function key(name: string): Key {
  const start = `,{"key":${JSON.stringify(name)},"value":{`;
  return { string: bytes(`${start}"stringValue":`), int: bytes(`${start}"intValue":`), double: bytes(`${start}"doubleValue":`), bool: bytes(`${start}"boolValue":`) };
}

const CLOSE = bytes("}}");
const TRUE = bytes("true}}");
const FALSE = bytes("false}}");

function text(w: JsonWriter, k: Key, value: string | null): void {
  if (!value) return;
  w.raw(k.string);
  w.string(value);
  w.raw(CLOSE);
}

/** A string attribute from string slot `slot` of the record (absent: none). */
function textSlot(w: JsonWriter, k: Key, r: SpanSource, slot: number): void {
  if (r.numbers[r.at + STRINGS + slot] === NO_STRING) return;
  w.raw(k.string);
  writeSlot(w, r, slot);
  w.raw(CLOSE);
}

/** Integers as intValue, other numbers as doubleValue; NaN (absent) not at all. */
function number(w: JsonWriter, k: Key, value: number): void {
  if (Number.isNaN(value)) return;
  w.raw(Number.isInteger(value) ? k.int : k.double);
  w.number(value);
  w.raw(CLOSE);
}

function bool(w: JsonWriter, k: Key, value: boolean): void {
  w.raw(k.bool);
  w.raw(value ? TRUE : FALSE);
}

const OPERATION = key("gen_ai.operation.name");
const REQUEST_MODEL = key("gen_ai.request.model");
const RESPONSE_MODEL = key("gen_ai.response.model");
const PROVIDER_NAME = key("gen_ai.provider.name");
const SYSTEM = key("gen_ai.system");
const INPUT = key("gen_ai.usage.input_tokens");
const OUTPUT = key("gen_ai.usage.output_tokens");
const HTTP_STATUS_CODE = key("http.response.status_code");
const ERROR_TYPE = key("error.type");
const SERVER_ADDRESS = key("server.address");
const SERVER_PORT = key("server.port");
const REQUEST_ID = key("tollgate.request_id");
const ENDPOINT = key("tollgate.endpoint");
const COST = key("tollgate.cost_usd");
const LATENCY = key("tollgate.latency_ms");
const STREAMED_KEY = key("tollgate.streamed");
const ATTEMPTS_KEY = key("tollgate.attempts");
const ESTIMATED_KEY = key("tollgate.estimated");
const PROVIDER = key("tollgate.provider");
const DEPLOYMENT = key("tollgate.deployment_id");
const KEY_ID = key("tollgate.key_id");
const TEAM_ID = key("tollgate.team_id");
const CACHE = key("tollgate.cache");
const TTFT = key("tollgate.ttft_ms");
const FALLBACK = key("tollgate.fallback_model");
const REFUSAL = key("tollgate.refusal");
const MODEL = key("tollgate.model");
const ATTEMPT_KEY = key("tollgate.attempt");
const ABANDONED = key("tollgate.trace_abandoned");
const OUTCOME = key("tollgate.admission.outcome");

// The members after the ids and times: `"name":…,"kind":…,"attributes":[…],"status":{…}`.
const NAME = bytes('"name":');
const QUOTE = bytes('"');
// OTLP's span kinds: INTERNAL 1, SERVER 2, CLIENT 3.
const KIND_INTERNAL = bytes(',"kind":1,"attributes":');
const KIND_SERVER = bytes(',"kind":2,"attributes":');
const KIND_CLIENT = bytes(',"kind":3,"attributes":');
const STATUS_UNSET = bytes(',"status":{}');
const STATUS_ERROR = bytes(',"status":{"code":2');
const STATUS_MESSAGE = bytes(',"message":');
const BRACE = bytes("}");
const CHAT_ = bytes('"chat ');
const EMBEDDINGS_ = bytes('"embeddings ');
const ADMISSION_NAME = bytes('"name":"tollgate.admission"');
const USAGE_WRITE_NAME = bytes('"name":"tollgate.usage.write"');

/** gen_ai.provider.name and gen_ai.system from the provider kind in slot `slot`. */
function provider(w: JsonWriter, r: SpanSource, slot: number): void {
  const kind = slotString(r, slot);
  const name = providerNameOf(kind);
  if (name === kind) {
    textSlot(w, PROVIDER_NAME, r, slot);
    textSlot(w, SYSTEM, r, slot);
  } else {
    text(w, PROVIDER_NAME, name);
    text(w, SYSTEM, name);
  }
}

/** `"name":"{operation} {model}"`, the model from slot `slot` (absent, or no slot (-1): the operation alone). */
function name(w: JsonWriter, operation: string, r: SpanSource, slot: number): void {
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

const REQUEST_ID_PREFIX = bytes('"req_');

/** tollgate.request_id: from its words when it travelled as words, else from its slot. */
function requestId(w: JsonWriter, r: SpanSource): void {
  if (Number.isNaN(r.numbers[r.at + REQUEST_ID_WORDS])) {
    textSlot(w, REQUEST_ID, r, 0);
    return;
  }
  w.raw(REQUEST_ID.string);
  w.hex(r.numbers, r.at + REQUEST_ID_WORDS, 4, REQUEST_ID_PREFIX);
  w.raw(CLOSE);
}

/** server.address and server.port of an attempt's base URL (parsed once per URL). */
const servers = new Map<string, { address: string; port: number } | null>();
function server(w: JsonWriter, baseUrl: string | null): void {
  if (!baseUrl) return;
  let found = servers.get(baseUrl);
  if (found === undefined) {
    found = null;
    try {
      const url = new URL(baseUrl);
      found = { address: url.hostname, port: url.port ? Number(url.port) : NaN };
    } catch {
      // A base URL the catalog accepted always parses; an unparsable one just has no server.address.
    }
    if (servers.size >= 1000) servers.clear();
    servers.set(baseUrl, found);
  }
  if (!found) return;
  text(w, SERVER_ADDRESS, found.address);
  number(w, SERVER_PORT, found.port);
}

/** The span's status; an error's message is the error type in slot `messageSlot` (-1: none). */
function status(w: JsonWriter, r: SpanSource, messageSlot: number): void {
  if (r.numbers[r.at + STATUS] === 0) {
    w.raw(STATUS_UNSET);
    return;
  }
  w.raw(STATUS_ERROR);
  if (messageSlot >= 0 && r.numbers[r.at + STRINGS + messageSlot] !== NO_STRING) {
    w.raw(STATUS_MESSAGE);
    writeSlot(w, r, messageSlot);
  }
  w.raw(BRACE);
}

/**
 * Writes the members of the span of record `r` after its ids and times:
 * `"name":…,"kind":…,"attributes":[…],"status":{…}`.
 */
export function writeSpanMembers(w: JsonWriter, r: SpanSource): void {
  const { numbers, at } = r;
  const kind = numbers[at + KIND];
  if (kind === CALL_ENDED || kind === CALL_FAILED || kind === CALL_ABANDONED) {
    // Slots: request id, endpoint, tracestate; CALL_ENDED: model, upstream model, provider kind, provider name, deployment id, key id, team id, cache, fallback model, refusal, error type
    const operation = operationName(slotString(r, 1)!);
    const e = CALL_STRINGS;
    const errorSlot = kind === CALL_ENDED ? e + 10 : kind === CALL_FAILED ? e : -1;
    name(w, operation, r, kind === CALL_ENDED ? e : -1);
    w.raw(KIND_SERVER);
    const list = w.listStart();
    requestId(w, r);
    textSlot(w, ENDPOINT, r, 1);
    if (kind === CALL_FAILED) {
      number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
      textSlot(w, ERROR_TYPE, r, errorSlot);
    } else if (kind === CALL_ABANDONED) {
      bool(w, ABANDONED, true);
    } else {
      text(w, OPERATION, operation);
      textSlot(w, REQUEST_MODEL, r, e);
      number(w, INPUT, numbers[at + INPUT_TOKENS]);
      number(w, OUTPUT, numbers[at + OUTPUT_TOKENS]);
      number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
      number(w, COST, numbers[at + COST_USD]);
      number(w, LATENCY, numbers[at + LATENCY_MS]);
      bool(w, STREAMED_KEY, numbers[at + STREAMED] === 1);
      number(w, ATTEMPTS_KEY, numbers[at + ATTEMPTS]);
      bool(w, ESTIMATED_KEY, numbers[at + ESTIMATED] === 1);
      textSlot(w, RESPONSE_MODEL, r, e + 1);
      provider(w, r, e + 2);
      textSlot(w, PROVIDER, r, e + 3);
      textSlot(w, DEPLOYMENT, r, e + 4);
      textSlot(w, KEY_ID, r, e + 5);
      textSlot(w, TEAM_ID, r, e + 6);
      textSlot(w, CACHE, r, e + 7);
      number(w, TTFT, numbers[at + TTFT_MS]);
      textSlot(w, FALLBACK, r, e + 8);
      textSlot(w, REFUSAL, r, e + 9);
      textSlot(w, ERROR_TYPE, r, errorSlot);
    }
    w.listEnd(list);
    status(w, r, errorSlot);
    return;
  }
  // A child: its error type first (absent unless it failed).
  const s = CHILD_STRINGS;
  if (kind === ADMISSION) {
    w.raw(ADMISSION_NAME);
    w.raw(KIND_INTERNAL);
    const list = w.listStart();
    textSlot(w, OUTCOME, r, s);
    number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
    textSlot(w, ERROR_TYPE, r, 0);
    w.listEnd(list);
  } else if (kind === USAGE_WRITE) {
    w.raw(USAGE_WRITE_NAME);
    w.raw(KIND_INTERNAL);
    const list = w.listStart();
    textSlot(w, ERROR_TYPE, r, 0);
    w.listEnd(list);
  } else if (kind === ATTEMPT) {
    // Slots after the error type: endpoint, upstream model, provider kind, provider name, deployment id, model, base URL
    const operation = operationName(slotString(r, s)!);
    name(w, operation, r, s + 1);
    w.raw(KIND_CLIENT);
    const list = w.listStart();
    text(w, OPERATION, operation);
    textSlot(w, REQUEST_MODEL, r, s + 1);
    textSlot(w, PROVIDER, r, s + 3);
    textSlot(w, DEPLOYMENT, r, s + 4);
    textSlot(w, MODEL, r, s + 5);
    number(w, ATTEMPT_KEY, numbers[at + ATTEMPT_NUMBER]);
    provider(w, r, s + 2);
    server(w, slotString(r, s + 6));
    textSlot(w, ERROR_TYPE, r, 0);
    number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
    w.listEnd(list);
  } else {
    throw new Error(`unknown span record kind ${kind}`);
  }
  status(w, r, 0);
}
