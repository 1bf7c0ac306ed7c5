// OpenTelemetry traces over OTLP/HTTP (docs/observability.md, "Traces"), off unless
// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set. When off, nothing is
// created and every hook of the pipeline is one null check. When on, the calls' spans are recorded
// as raw data (call-traces.ts) and handed to a thread of their own that builds, encodes and posts
// them as OTLP protobuf or JSON (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL; span-recorder.ts, docs/decisions/022-traces-exported-off-thread.md); a caller's
// `traceparent` decides whether its call is traced, and OTEL_TRACES_SAMPLER_ARG of the calls that
// come without one are (the SDK's ParentBased(TraceIdRatioBased) sampler). The state lives on a
// globalThis slot: each copy of lib/ in a thread shares it (like the metrics).
import { env, type Env } from "../env";
import { SpanRecorder } from "./span-recorder";
import type { OtlpProtocol } from "./span-records";

interface TracingState {
  settings: TraceSettings | null;
  shutdown: () => Promise<void>;
  flush: () => Promise<void>;
}

export interface TraceSettings {
  recorder: SpanRecorder;
  /** the share of calls without a caller's traceparent that are traced */
  ratio: number;
}

const slot = globalThis as unknown as { tollgateTracing?: TracingState };

/** Where spans are posted: the traces endpoint as given, or `<endpoint>/v1/traces`; null = tracing off. */
export function tracesUrl(config: Pick<Env, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT">): string | null {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
}

/** How spans are exported: the traces variable, else the general one, else OTLP/HTTP's default, protobuf. */
export function tracesProtocol(config: Pick<Env, "OTEL_EXPORTER_OTLP_PROTOCOL" | "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL">): OtlpProtocol {
  return config.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? config.OTEL_EXPORTER_OTLP_PROTOCOL ?? "http/protobuf";
}

function startTracing(): TracingState {
  const config = env();
  const url = tracesUrl(config);
  if (!url) return { settings: null, shutdown: async () => {}, flush: async () => {} };
  const recorder = new SpanRecorder({ url, protocol: tracesProtocol(config), resource: { "service.name": config.OTEL_SERVICE_NAME }, scope: "tollgate" });
  return {
    settings: { recorder, ratio: config.OTEL_TRACES_SAMPLER_ARG },
    shutdown: () => recorder.shutdown(),
    flush: () => recorder.forceFlush(),
  };
}

function tracing(): TracingState {
  return (slot.tollgateTracing ??= startTracing());
}

/** The thread's span recorder and sampling ratio, or null when tracing is off. */
export function traceSettings(): TraceSettings | null {
  return tracing().settings;
}

/** Exports the spans still batched (at shutdown, and in tests). */
export async function flushTraces(): Promise<void> {
  if (slot.tollgateTracing) await slot.tollgateTracing.flush();
}

export async function shutdownTracing(): Promise<void> {
  const state = slot.tollgateTracing;
  if (state) await state.shutdown();
}
