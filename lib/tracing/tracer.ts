// OpenTelemetry traces over OTLP/HTTP (docs/observability.md, "Traces"), off unless
// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set. When off, nothing of the
// SDK is loaded and every hook of the pipeline is one boolean check. When on, finished spans are
// handed to a thread of their own that encodes and posts them as OTLP JSON (thread-span-processor.ts,
// docs/decisions/022-traces-exported-off-thread.md); the sampler
// follows the caller's `traceparent` decision and samples OTEL_TRACES_SAMPLER_ARG of the calls that
// come without one. The provider lives on a globalThis slot: each copy of lib/ in a thread shares it
// (like the metrics).
import type { Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from "@opentelemetry/sdk-trace";
import { env, type Env } from "../env";
import { ThreadSpanProcessor } from "./thread-span-processor";

interface TracingState {
  tracer: Tracer | null;
  shutdown: () => Promise<void>;
  flush: () => Promise<void>;
}

const slot = globalThis as unknown as { tollgateTracing?: TracingState };

/** Where spans are posted: the traces endpoint as given, or `<endpoint>/v1/traces`; null = tracing off. */
export function tracesUrl(config: Pick<Env, "OTEL_EXPORTER_OTLP_ENDPOINT" | "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT">): string | null {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
}

function startTracing(): TracingState {
  const config = env();
  const url = tracesUrl(config);
  if (!url) return { tracer: null, shutdown: async () => {}, flush: async () => {} };
  const resource = { "service.name": config.OTEL_SERVICE_NAME };
  const provider = new TracerProvider({
    resource: resourceFromAttributes(resource),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_ARG) }),
    spanProcessors: [new ThreadSpanProcessor({ url, resource, scope: "tollgate" })],
  });
  return {
    tracer: provider.getTracer("tollgate"),
    shutdown: () => provider.shutdown(),
    flush: () => provider.forceFlush(),
  };
}

function tracing(): TracingState {
  return (slot.tollgateTracing ??= startTracing());
}

/** The thread's tracer, or null when tracing is off. */
export function tracer(): Tracer | null {
  return tracing().tracer;
}

/** Exports the spans still batched (at shutdown, and in tests). */
export async function flushTraces(): Promise<void> {
  if (slot.tollgateTracing) await slot.tollgateTracing.flush();
}

export async function shutdownTracing(): Promise<void> {
  const state = slot.tollgateTracing;
  if (state) await state.shutdown();
}
