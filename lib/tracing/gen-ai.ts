// A recorded span (span-records.ts) as the OpenTelemetry GenAI semantic conventions name it and fill
// in its attributes (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/), written as
// OTLP JSON on the export thread (json-writer.ts). gen_ai.system is the older name of gen_ai.provider.name; both are
// set so that backends that read either one group the calls by provider.
import { bytes, type JsonWriter } from "./json-writer";
import {
  ADMISSION, ATTEMPT, ATTEMPT_NUMBER, ATTEMPTS, CALL_ABANDONED, CALL_ENDED, CALL_FAILED, CALL_STRINGS, COST_USD, ESTIMATED, HTTP_STATUS, INPUT_TOKENS, KIND,
  LATENCY_MS, OUTPUT_TOKENS, STATUS, STREAMED, TTFT_MS, USAGE_WRITE,
} from "./span-records";

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

function provider(w: JsonWriter, kind: string | null): void {
  const name = providerNameOf(kind);
  text(w, PROVIDER_NAME, name);
  text(w, SYSTEM, name);
}

/** `"name":"{operation} {model}"` (no model: the operation alone). */
function name(w: JsonWriter, operation: string, model: string | null): void {
  w.raw(NAME);
  if (!model) {
    w.string(operation);
    return;
  }
  w.raw(operation === "chat" ? CHAT_ : EMBEDDINGS_);
  w.chars(model);
  w.raw(QUOTE);
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

function status(w: JsonWriter, numbers: Float64Array, at: number, message: string | null): void {
  if (numbers[at + STATUS] === 0) {
    w.raw(STATUS_UNSET);
    return;
  }
  w.raw(STATUS_ERROR);
  if (message) {
    w.raw(STATUS_MESSAGE);
    w.string(message);
  }
  w.raw(BRACE);
}

/**
 * Writes the members of the span of the record at `at` of `numbers` (its strings start at `s` of
 * `strings`) after its ids and times: `"name":…,"kind":…,"attributes":[…],"status":{…}`.
 */
export function writeSpanMembers(w: JsonWriter, numbers: Float64Array, at: number, strings: (string | null)[], s: number): void {
  const kind = numbers[at + KIND];
  if (kind === CALL_ENDED || kind === CALL_FAILED || kind === CALL_ABANDONED) {
    const endpoint = strings[s + 1]!;
    const operation = operationName(endpoint);
    const e = s + CALL_STRINGS;
    // CALL_ENDED: model, upstream model, provider kind, provider name, deployment id, key id, team id, cache, fallback model, refusal, error type
    const model = kind === CALL_ENDED ? strings[e]! : null;
    const errorType = kind === CALL_ENDED ? strings[e + 10] : kind === CALL_FAILED ? strings[e] : null;
    name(w, operation, model);
    w.raw(KIND_SERVER);
    const list = w.listStart();
    text(w, REQUEST_ID, strings[s]);
    text(w, ENDPOINT, endpoint);
    if (kind === CALL_FAILED) {
      number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
      text(w, ERROR_TYPE, errorType);
    } else if (kind === CALL_ABANDONED) {
      bool(w, ABANDONED, true);
    } else {
      text(w, OPERATION, operation);
      text(w, REQUEST_MODEL, model);
      number(w, INPUT, numbers[at + INPUT_TOKENS]);
      number(w, OUTPUT, numbers[at + OUTPUT_TOKENS]);
      number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
      number(w, COST, numbers[at + COST_USD]);
      number(w, LATENCY, numbers[at + LATENCY_MS]);
      bool(w, STREAMED_KEY, numbers[at + STREAMED] === 1);
      number(w, ATTEMPTS_KEY, numbers[at + ATTEMPTS]);
      bool(w, ESTIMATED_KEY, numbers[at + ESTIMATED] === 1);
      text(w, RESPONSE_MODEL, strings[e + 1]);
      provider(w, strings[e + 2]);
      text(w, PROVIDER, strings[e + 3]);
      text(w, DEPLOYMENT, strings[e + 4]);
      text(w, KEY_ID, strings[e + 5]);
      text(w, TEAM_ID, strings[e + 6]);
      text(w, CACHE, strings[e + 7]);
      number(w, TTFT, numbers[at + TTFT_MS]);
      text(w, FALLBACK, strings[e + 8]);
      text(w, REFUSAL, strings[e + 9]);
      text(w, ERROR_TYPE, errorType);
    }
    w.listEnd(list);
    status(w, numbers, at, errorType);
    return;
  }
  // A child: its error type first (null unless it failed).
  const errorType = strings[s];
  if (kind === ADMISSION) {
    w.raw(ADMISSION_NAME);
    w.raw(KIND_INTERNAL);
    const list = w.listStart();
    text(w, OUTCOME, strings[s + 1]);
    number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
    text(w, ERROR_TYPE, errorType);
    w.listEnd(list);
  } else if (kind === USAGE_WRITE) {
    w.raw(USAGE_WRITE_NAME);
    w.raw(KIND_INTERNAL);
    const list = w.listStart();
    text(w, ERROR_TYPE, errorType);
    w.listEnd(list);
  } else if (kind === ATTEMPT) {
    // ATTEMPT: endpoint, upstream model, provider kind, provider name, deployment id, model, base URL
    const operation = operationName(strings[s + 1]!);
    const upstreamModel = strings[s + 2];
    name(w, operation, upstreamModel);
    w.raw(KIND_CLIENT);
    const list = w.listStart();
    text(w, OPERATION, operation);
    text(w, REQUEST_MODEL, upstreamModel);
    text(w, PROVIDER, strings[s + 4]);
    text(w, DEPLOYMENT, strings[s + 5]);
    text(w, MODEL, strings[s + 6]);
    number(w, ATTEMPT_KEY, numbers[at + ATTEMPT_NUMBER]);
    provider(w, strings[s + 3]);
    server(w, strings[s + 7]);
    text(w, ERROR_TYPE, errorType);
    number(w, HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
    w.listEnd(list);
  } else {
    throw new Error(`unknown span record kind ${kind}`);
  }
  status(w, numbers, at, errorType);
}
