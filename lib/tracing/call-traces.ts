// The spans of proxied calls (docs/observability.md, "Traces"): one SERVER span per call, from its
// arrival to its usage record, with children for admission, each upstream attempt and the usage
// write. The pipeline's hooks find a call's span by its request id, so nothing else of the pipeline
// carries tracing state; with tracing off `callTraces()` is null and each hook costs that one check.
// A call that ends without a usage record (refused before authentication or validation) ends its
// span with the error the client got. Spans of calls that never end (a bug) are bounded: past
// MAX_OPEN_TRACES the oldest one is ended as abandoned.
//
// On the proxy's hot path: a span is a number (open-spans.ts); ending it writes its ids, times,
// status and the raw values of its attributes (the usage record's fields, an attempt's deployment)
// into the current batch (span-recorder.ts; strings as indices into a table sent to the thread once).
// Names and GenAI attributes are made from them on the export thread (gen-ai.ts), so no object,
// closure or string is built here per span.
import type { UsageEvent } from "../usage/usage-event";
import { NO_SPAN, OpenSpans } from "./open-spans";
import { ADMISSION, ATTEMPT, ATTEMPT_NUMBER, ATTEMPTS, CALL_ABANDONED, CALL_ENDED, CALL_FAILED, CALL_STRINGS, CHILD_STRINGS, COST_USD, END, ESTIMATED, HTTP_STATUS, INPUT_TOKENS, LATENCY_MS, OUTPUT_TOKENS, STATUS, STREAMED, TTFT_MS, USAGE_WRITE, type RecordKind } from "./span-records";
import type { SpanRecorder } from "./span-recorder";
import { NO_PARENT, NOT_SAMPLED, readTraceparent, readTracestate } from "./traceparent";
import { traceSettings } from "./tracer";

export { NO_SPAN } from "./open-spans";
export const MAX_OPEN_TRACES = 10_000;
const STATUS_ERROR = 2;

/** The attempt as dispatch knows it (a catalog deployment and model). */
export interface AttemptInfo {
  number: number;
  deployment: { id: string; kind: string; providerName: string; upstreamModel: string; target: { baseUrl: string | null } };
  model: { name: string };
}

/** The request's headers (the gateway's HeaderReader fits): `name` is lower-case. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** Epoch milliseconds of a performance.now() reading (the pipeline's clock). */
const timeOrigin = performance.timeOrigin;
function epochMs(now: number): number {
  return timeOrigin + now;
}

export class CallTraces {
  /** request id → the call span's handle */
  private readonly open = new Map<string, number>();
  private readonly spans = new OpenSpans();
  private readonly parentIds = new Uint32Array(6);

  /** `ratio`: the share of calls without a caller's traceparent that are traced. */
  constructor(
    private readonly recorder: SpanRecorder,
    private readonly ratio: number,
  ) {}

  /** Starts the call's span under the caller's `traceparent` when it sent one (its sampling decision wins). */
  start(requestId: string, endpoint: UsageEvent["endpoint"], headers: HeaderSource, startedAt: number): void {
    const parent = readTraceparent(headers.get("traceparent"), this.parentIds);
    if (parent === NOT_SAMPLED) return;
    if (parent === NO_PARENT && this.ratio < 1 && !(Math.random() < this.ratio)) return;
    if (this.open.size >= MAX_OPEN_TRACES) this.abandonOldest();
    const span = this.spans.openRoot(epochMs(startedAt), parent === NO_PARENT ? null : this.parentIds);
    if (span === NO_SPAN) return;
    const slot = this.spans.slotOf(span);
    this.spans.first[slot] = endpoint;
    this.spans.second[slot] = parent === NO_PARENT ? null : readTracestate(headers.get("tracestate"));
    this.open.set(requestId, span);
  }

  /** The admission or usage-write span of the call (NO_SPAN when the call is not traced). */
  child(requestId: string): number {
    const call = this.open.get(requestId);
    return call === undefined ? NO_SPAN : this.spans.openChild(call, epochMs(performance.now()));
  }

  /** An upstream attempt's span (NO_SPAN when the call is not traced). */
  attempt(requestId: string, info: AttemptInfo): number {
    const call = this.open.get(requestId);
    if (call === undefined) return NO_SPAN;
    const span = this.spans.openChild(call, epochMs(performance.now()));
    const slot = this.spans.slotOf(span);
    if (slot < 0) return NO_SPAN;
    this.spans.first[slot] = this.spans.first[this.spans.slotOf(call)];
    this.spans.second[slot] = info;
    return span;
  }

  /** Ends the admission span with its outcome (and the refusal's status). */
  endAdmission(span: number, outcome: "admitted" | "ungoverned" | "refused", refusedStatus: number | null): void {
    const at = this.close(span, ADMISSION);
    if (at < 0) return;
    const recorder = this.recorder;
    recorder.numbers[at + HTTP_STATUS] = refusedStatus ?? NaN;
    recorder.string(at, 0, null);
    recorder.string(at, CHILD_STRINGS, outcome);
    recorder.commit();
  }

  /** Ends the usage-write span. */
  endUsageWrite(span: number): void {
    const at = this.close(span, USAGE_WRITE);
    if (at < 0) return;
    this.recorder.string(at, 0, null);
    this.recorder.commit();
  }

  /** Ends an attempt's span: with its failure (error type, the upstream's status) when `error` is given. */
  endAttempt(span: number, error?: unknown): void {
    const slot = this.spans.slotOf(span);
    if (slot < 0) return;
    const endpoint = this.spans.first[slot] as string;
    const { number, deployment, model } = this.spans.second[slot] as AttemptInfo;
    const at = this.close(span, ATTEMPT);
    const recorder = this.recorder;
    recorder.numbers[at + ATTEMPT_NUMBER] = number;
    if (error === undefined) recorder.string(at, 0, null);
    else this.failure(at, error);
    const s = CHILD_STRINGS;
    recorder.string(at, s, endpoint);
    recorder.string(at, s + 1, deployment.upstreamModel);
    recorder.string(at, s + 2, deployment.kind);
    recorder.string(at, s + 3, deployment.providerName);
    recorder.string(at, s + 4, deployment.id);
    recorder.string(at, s + 5, model.name);
    recorder.string(at, s + 6, deployment.target.baseUrl);
    recorder.commit();
  }

  /** Ends the admission span with its failure (the store failed). */
  endAdmissionFailed(span: number, error: unknown): void {
    const at = this.close(span, ADMISSION);
    if (at < 0) return;
    this.failure(at, error);
    this.recorder.string(at, CHILD_STRINGS, null);
    this.recorder.commit();
  }

  /** Ends the call's span with what its usage record says. */
  ended(event: UsageEvent): void {
    const at = this.closeCall(event.requestId, CALL_ENDED);
    if (at < 0) return;
    const recorder = this.recorder;
    const numbers = recorder.numbers;
    if (event.status >= 500) numbers[at + STATUS] = STATUS_ERROR;
    numbers[at + HTTP_STATUS] = event.status;
    numbers[at + INPUT_TOKENS] = event.inputTokens;
    numbers[at + OUTPUT_TOKENS] = event.outputTokens;
    numbers[at + COST_USD] = Number(event.costMicros) / 1e6;
    numbers[at + LATENCY_MS] = event.latencyMs;
    numbers[at + STREAMED] = event.streamed ? 1 : 0;
    numbers[at + ATTEMPTS] = event.attempts ?? (event.providerId ? 1 : 0);
    numbers[at + ESTIMATED] = event.estimated ? 1 : 0;
    numbers[at + TTFT_MS] = event.ttftMs ?? NaN;
    const s = CALL_STRINGS;
    recorder.string(at, s, event.model);
    recorder.string(at, s + 1, event.upstreamModel);
    recorder.string(at, s + 2, event.providerKind);
    recorder.string(at, s + 3, event.providerName);
    recorder.string(at, s + 4, event.deploymentId);
    recorder.string(at, s + 5, event.keyId);
    recorder.string(at, s + 6, event.teamId);
    recorder.string(at, s + 7, event.cache);
    recorder.string(at, s + 8, event.fallbackModel);
    recorder.string(at, s + 9, event.refusal);
    recorder.string(at, s + 10, event.errorType);
    recorder.commit();
  }

  /** Ends the call's span when it failed before any usage record (bad key, bad request): the status the client got. */
  failed(requestId: string, status: number, error: unknown): void {
    const at = this.closeCall(requestId, CALL_FAILED);
    if (at < 0) return;
    if (status >= 500) this.recorder.numbers[at + STATUS] = STATUS_ERROR;
    this.recorder.numbers[at + HTTP_STATUS] = status;
    this.recorder.string(at, CALL_STRINGS, errorTypeOf(error));
    this.recorder.commit();
  }

  get openCount(): number {
    return this.open.size;
  }

  private abandonOldest(): void {
    const oldest = this.open.keys().next();
    if (oldest.done) return;
    if (this.closeCall(oldest.value, CALL_ABANDONED) >= 0) this.recorder.commit();
  }

  /** Begins the record of the call's span (its ids, times, request id, endpoint, tracestate); -1 when the call is not traced. */
  private closeCall(requestId: string, kind: RecordKind): number {
    const span = this.open.get(requestId);
    if (span === undefined) return -1;
    this.open.delete(requestId);
    const slot = this.spans.slotOf(span);
    const endpoint = this.spans.first[slot] as string;
    const tracestate = this.spans.second[slot] as string | null;
    const at = this.close(span, kind);
    const recorder = this.recorder;
    recorder.requestId(at, 0, requestId);
    recorder.string(at, 1, endpoint);
    recorder.string(at, 2, tracestate);
    return at;
  }

  /** Begins the record of an open span, ending now; -1 when the span is not open. */
  private close(span: number, kind: RecordKind): number {
    const slot = this.spans.slotOf(span);
    if (slot < 0) return -1;
    const recorder = this.recorder;
    const at = recorder.begin(kind);
    const numbers = recorder.numbers;
    this.spans.close(slot, numbers, at);
    numbers[at + END] = epochMs(performance.now());
    numbers[at + STATUS] = 0;
    numbers[at + HTTP_STATUS] = NaN;
    return at;
  }

  /** A failed span's status, error type (its string) and the upstream's status when the error has one. */
  private failure(at: number, error: unknown): void {
    const numbers = this.recorder.numbers;
    numbers[at + STATUS] = STATUS_ERROR;
    const upstreamStatus = (error as { upstreamStatus?: number | null } | null)?.upstreamStatus;
    if (typeof upstreamStatus === "number") numbers[at + HTTP_STATUS] = upstreamStatus;
    this.recorder.string(at, 0, errorTypeOf(error));
  }
}

const slot = globalThis as unknown as { tollgateCallTraces?: CallTraces | null };

/** The thread's call traces, or null when tracing is off. */
export function callTraces(): CallTraces | null {
  if (slot.tollgateCallTraces === undefined) {
    const settings = traceSettings();
    slot.tollgateCallTraces = settings ? new CallTraces(settings.recorder, settings.ratio) : null;
  }
  return slot.tollgateCallTraces;
}

/** error.type: the API error's code or type (HttpError and upstream errors), else the class name. */
function errorTypeOf(error: unknown): string {
  const failure = (error ?? {}) as { code?: string | null; type?: string };
  return failure.code ?? failure.type ?? (error instanceof Error ? error.name : "error");
}
