// The spans of proxied calls (docs/observability.md, "Traces"): one SERVER span per call, from its
// arrival to its usage record, with children for admission, each upstream attempt and the usage
// write. The pipeline's hooks find a call's span by its request id, so nothing else of the pipeline
// carries tracing state; with tracing off `callTraces()` is null and each hook costs that one check.
// A call that ends without a usage record (refused before authentication or validation) ends its
// span with the error the client got. Spans of calls that never end (a bug) are bounded: past
// MAX_OPEN_TRACES the oldest one is ended as abandoned.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter, type Tracer } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import type { UsageEvent } from "../usage/usage-event";
import { attemptAttributes, callAttributes, operationName } from "./gen-ai";
import { tracer } from "./tracer";

export const MAX_OPEN_TRACES = 10_000;

interface OpenTrace {
  span: Span;
  context: Context;
  endpoint: UsageEvent["endpoint"];
}

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

const headerGetter: TextMapGetter<HeaderSource> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: () => [],
};

export class CallTraces {
  private readonly open = new Map<string, OpenTrace>();
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(private readonly tracer: Tracer) {}

  /** Starts the call's span under the caller's `traceparent` when it sent one. */
  start(requestId: string, endpoint: UsageEvent["endpoint"], headers: HeaderSource, startedAt: number): void {
    const parent = this.propagator.extract(ROOT_CONTEXT, headers, headerGetter);
    const span = this.tracer.startSpan(operationName(endpoint), { kind: SpanKind.SERVER, startTime: startedAt, attributes: { "tollgate.request_id": requestId, "tollgate.endpoint": endpoint } }, parent);
    // Not sampled: no children, nothing to end later.
    if (!span.isRecording()) return;
    if (this.open.size >= MAX_OPEN_TRACES) this.abandonOldest();
    this.open.set(requestId, { span, context: trace.setSpan(parent, span), endpoint });
  }

  /** A child span of the call's (null when the call is not traced). */
  child(requestId: string, name: string, kind: SpanKind = SpanKind.INTERNAL, attributes?: Attributes): Span | null {
    const call = this.open.get(requestId);
    return call ? this.tracer.startSpan(name, { kind, attributes }, call.context) : null;
  }

  attempt(requestId: string, info: AttemptInfo): Span | null {
    const call = this.open.get(requestId);
    if (!call) return null;
    const { deployment } = info;
    const attributes = attemptAttributes(call.endpoint, { number: info.number, kind: deployment.kind, providerName: deployment.providerName, deploymentId: deployment.id, upstreamModel: deployment.upstreamModel, model: info.model.name, baseUrl: deployment.target.baseUrl });
    return this.tracer.startSpan(`${operationName(call.endpoint)} ${deployment.upstreamModel}`, { kind: SpanKind.CLIENT, attributes }, call.context);
  }

  /** Ends the call's span with what its usage record says. */
  ended(event: UsageEvent): void {
    const call = this.open.get(event.requestId);
    if (!call) return;
    this.open.delete(event.requestId);
    call.span.setAttributes(callAttributes(event));
    call.span.updateName(`${operationName(event.endpoint)} ${event.model}`);
    if (event.status >= 500) call.span.setStatus({ code: SpanStatusCode.ERROR, message: event.errorType ?? undefined });
    call.span.end();
  }

  /** Ends the call's span when it failed before any usage record (bad key, bad request): the status the client got. */
  failed(requestId: string, status: number, error: unknown): void {
    const call = this.open.get(requestId);
    if (!call) return;
    this.open.delete(requestId);
    const errorType = errorTypeOf(error);
    call.span.setAttribute("http.response.status_code", status);
    call.span.setAttribute("error.type", errorType);
    if (status >= 500) call.span.setStatus({ code: SpanStatusCode.ERROR, message: errorType ?? undefined });
    call.span.end();
  }

  get openCount(): number {
    return this.open.size;
  }

  private abandonOldest(): void {
    const oldest = this.open.keys().next();
    if (oldest.done) return;
    const call = this.open.get(oldest.value)!;
    this.open.delete(oldest.value);
    call.span.setAttribute("tollgate.trace_abandoned", true);
    call.span.end();
  }
}

const slot = globalThis as unknown as { tollgateCallTraces?: CallTraces | null };

/** The thread's call traces, or null when tracing is off. */
export function callTraces(): CallTraces | null {
  if (slot.tollgateCallTraces === undefined) {
    const active = tracer();
    slot.tollgateCallTraces = active ? new CallTraces(active) : null;
  }
  return slot.tollgateCallTraces;
}

/** error.type: the API error's code or type (HttpError and upstream errors), else the class name. */
function errorTypeOf(error: unknown): string {
  const failure = (error ?? {}) as { code?: string | null; type?: string };
  return failure.code ?? failure.type ?? (error instanceof Error ? error.name : "error");
}

/** Ends a span: with its failure (error type, the upstream's status) when it failed. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    const errorType = errorTypeOf(error);
    span.setAttribute("error.type", errorType);
    const upstreamStatus = (error as { upstreamStatus?: number | null } | null)?.upstreamStatus;
    if (typeof upstreamStatus === "number") span.setAttribute("http.response.status_code", upstreamStatus);
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
  }
  span.end();
}
