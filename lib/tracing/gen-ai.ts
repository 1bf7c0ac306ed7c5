// A recorded span (span-records.ts) as the OpenTelemetry GenAI semantic conventions name it and fill
// in its attributes (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/), on the export
// thread, through a SpanWriter (span-writer.ts) of the export's encoding: OTLP JSON (otlp-json.ts) or
// protobuf (otlp-protobuf.ts). gen_ai.system is the older name of gen_ai.provider.name; both are set
// so that backends that read either one group the calls by provider.
import {
  ADMISSION, ATTEMPT, ATTEMPT_NUMBER, ATTEMPTS, CALL_ABANDONED, CALL_ENDED, CALL_FAILED, CALL_STRINGS, CHILD_STRINGS, COST_USD, ESTIMATED, HTTP_STATUS, INPUT_TOKENS, KIND,
  LATENCY_MS, NO_STRING, ONE_OFF, OUTPUT_TOKENS, REQUEST_ID_WORDS, STATUS, STREAMED, STRINGS, TTFT_MS, USAGE_WRITE,
} from "./span-records";
import { attributeKey as key, type SpanSource, type SpanWriter } from "./span-writer";

/** The string in slot `k` of the record, null when absent. */
export function slotString(r: SpanSource, k: number): string | null {
  const v = r.numbers[r.at + STRINGS + k];
  if (v === NO_STRING) return null;
  return v >= 0 ? r.strings.values[v] : r.texts![ONE_OFF - v];
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

/** gen_ai.provider.name and gen_ai.system from the provider kind in slot `slot`. */
function provider(w: SpanWriter, r: SpanSource, slot: number): void {
  const kind = slotString(r, slot);
  const name = providerNameOf(kind);
  if (name === kind) {
    w.textSlot(PROVIDER_NAME, r, slot);
    w.textSlot(SYSTEM, r, slot);
  } else {
    w.text(PROVIDER_NAME, name);
    w.text(SYSTEM, name);
  }
}

/** tollgate.request_id: from its words when it travelled as words, else from its slot. */
function requestId(w: SpanWriter, r: SpanSource): void {
  if (Number.isNaN(r.numbers[r.at + REQUEST_ID_WORDS])) w.textSlot(REQUEST_ID, r, 0);
  else w.requestIdWords(REQUEST_ID, r, r.at + REQUEST_ID_WORDS);
}

/** server.address and server.port of an attempt's base URL (parsed once per URL). */
const servers = new Map<string, { address: string; port: number } | null>();
function server(w: SpanWriter, baseUrl: string | null): void {
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
  w.text(SERVER_ADDRESS, found.address);
  w.number(SERVER_PORT, found.port);
}

// OTLP's span kinds
const INTERNAL = 1;
const SERVER = 2;
const CLIENT = 3;

/** Writes the members of the span of record `r` after its ids and times: its name, kind, attributes and status. */
export function writeSpanMembers(w: SpanWriter, r: SpanSource): void {
  const { numbers, at } = r;
  const kind = numbers[at + KIND];
  if (kind === CALL_ENDED || kind === CALL_FAILED || kind === CALL_ABANDONED) {
    // Slots: request id, endpoint, tracestate; CALL_ENDED: model, upstream model, provider kind, provider name, deployment id, key id, team id, cache, fallback model, refusal, error type
    const operation = operationName(slotString(r, 1)!);
    const e = CALL_STRINGS;
    const errorSlot = kind === CALL_ENDED ? e + 10 : kind === CALL_FAILED ? e : -1;
    w.name(operation, r, kind === CALL_ENDED ? e : -1);
    const list = w.attributes(SERVER);
    requestId(w, r);
    w.textSlot(ENDPOINT, r, 1);
    if (kind === CALL_FAILED) {
      w.number(HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
      w.textSlot(ERROR_TYPE, r, errorSlot);
    } else if (kind === CALL_ABANDONED) {
      w.bool(ABANDONED, true);
    } else {
      w.text(OPERATION, operation);
      w.textSlot(REQUEST_MODEL, r, e);
      w.number(INPUT, numbers[at + INPUT_TOKENS]);
      w.number(OUTPUT, numbers[at + OUTPUT_TOKENS]);
      w.number(HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
      w.number(COST, numbers[at + COST_USD]);
      w.number(LATENCY, numbers[at + LATENCY_MS]);
      w.bool(STREAMED_KEY, numbers[at + STREAMED] === 1);
      w.number(ATTEMPTS_KEY, numbers[at + ATTEMPTS]);
      w.bool(ESTIMATED_KEY, numbers[at + ESTIMATED] === 1);
      w.textSlot(RESPONSE_MODEL, r, e + 1);
      provider(w, r, e + 2);
      w.textSlot(PROVIDER, r, e + 3);
      w.textSlot(DEPLOYMENT, r, e + 4);
      w.textSlot(KEY_ID, r, e + 5);
      w.textSlot(TEAM_ID, r, e + 6);
      w.textSlot(CACHE, r, e + 7);
      w.number(TTFT, numbers[at + TTFT_MS]);
      w.textSlot(FALLBACK, r, e + 8);
      w.textSlot(REFUSAL, r, e + 9);
      w.textSlot(ERROR_TYPE, r, errorSlot);
    }
    w.attributesEnd(list);
    w.status(numbers[at + STATUS] !== 0, r, errorSlot);
    return;
  }
  // A child: its error type first (absent unless it failed).
  const s = CHILD_STRINGS;
  if (kind === ADMISSION) {
    w.name("tollgate.admission", r, -1);
    const list = w.attributes(INTERNAL);
    w.textSlot(OUTCOME, r, s);
    w.number(HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
    w.textSlot(ERROR_TYPE, r, 0);
    w.attributesEnd(list);
  } else if (kind === USAGE_WRITE) {
    w.name("tollgate.usage.write", r, -1);
    const list = w.attributes(INTERNAL);
    w.textSlot(ERROR_TYPE, r, 0);
    w.attributesEnd(list);
  } else if (kind === ATTEMPT) {
    // Slots after the error type: endpoint, upstream model, provider kind, provider name, deployment id, model, base URL
    const operation = operationName(slotString(r, s)!);
    w.name(operation, r, s + 1);
    const list = w.attributes(CLIENT);
    w.text(OPERATION, operation);
    w.textSlot(REQUEST_MODEL, r, s + 1);
    w.textSlot(PROVIDER, r, s + 3);
    w.textSlot(DEPLOYMENT, r, s + 4);
    w.textSlot(MODEL, r, s + 5);
    w.number(ATTEMPT_KEY, numbers[at + ATTEMPT_NUMBER]);
    provider(w, r, s + 2);
    server(w, slotString(r, s + 6));
    w.textSlot(ERROR_TYPE, r, 0);
    w.number(HTTP_STATUS_CODE, numbers[at + HTTP_STATUS]);
    w.attributesEnd(list);
  } else {
    throw new Error(`unknown span record kind ${kind}`);
  }
  w.status(numbers[at + STATUS] !== 0, r, 0);
}
