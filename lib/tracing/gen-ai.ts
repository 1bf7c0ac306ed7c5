// Attribute names and values of the OpenTelemetry GenAI semantic conventions
// (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/) as Tollgate fills them in.
// gen_ai.system is the older name of gen_ai.provider.name; both are set so that backends that read
// either one group the calls by provider.
import type { Attributes } from "@opentelemetry/api";
import type { UsageEvent } from "../usage/usage-event";

/** gen_ai.operation.name of each proxy endpoint. */
export function operationName(endpoint: UsageEvent["endpoint"]): "chat" | "embeddings" {
  return endpoint === "embeddings" ? "embeddings" : "chat";
}

/** gen_ai.provider.name: the convention's well-known values where a kind has one, else the kind. */
export function providerNameOf(kind: string | null): string | null {
  if (kind === "gemini") return "gcp.gemini";
  return kind;
}

/** The call's span, once it ended: what the ledger booked. */
export function callAttributes(event: UsageEvent): Attributes {
  const provider = providerNameOf(event.providerKind);
  const attributes: Attributes = {
    "gen_ai.operation.name": operationName(event.endpoint),
    "gen_ai.request.model": event.model,
    "gen_ai.usage.input_tokens": event.inputTokens,
    "gen_ai.usage.output_tokens": event.outputTokens,
    "http.response.status_code": event.status,
    "tollgate.cost_usd": Number(event.costMicros) / 1e6,
    "tollgate.latency_ms": event.latencyMs,
    "tollgate.streamed": event.streamed,
    "tollgate.attempts": event.attempts ?? (event.providerId ? 1 : 0),
    "tollgate.estimated": event.estimated,
  };
  if (event.upstreamModel) attributes["gen_ai.response.model"] = event.upstreamModel;
  if (provider) attributes["gen_ai.provider.name"] = attributes["gen_ai.system"] = provider;
  if (event.providerName) attributes["tollgate.provider"] = event.providerName;
  if (event.deploymentId) attributes["tollgate.deployment_id"] = event.deploymentId;
  if (event.keyId) attributes["tollgate.key_id"] = event.keyId;
  if (event.teamId) attributes["tollgate.team_id"] = event.teamId;
  if (event.cache) attributes["tollgate.cache"] = event.cache;
  if (event.ttftMs != null) attributes["tollgate.ttft_ms"] = event.ttftMs;
  if (event.fallbackModel) attributes["tollgate.fallback_model"] = event.fallbackModel;
  if (event.refusal) attributes["tollgate.refusal"] = event.refusal;
  if (event.errorType) attributes["error.type"] = event.errorType;
  return attributes;
}

/** One upstream attempt's span, when it starts. */
export function attemptAttributes(endpoint: UsageEvent["endpoint"], attempt: { number: number; kind: string; providerName: string; deploymentId: string; upstreamModel: string; model: string; baseUrl: string | null }): Attributes {
  const provider = providerNameOf(attempt.kind);
  const attributes: Attributes = {
    "gen_ai.operation.name": operationName(endpoint),
    "gen_ai.request.model": attempt.upstreamModel,
    "tollgate.provider": attempt.providerName,
    "tollgate.deployment_id": attempt.deploymentId,
    "tollgate.model": attempt.model,
    "tollgate.attempt": attempt.number,
  };
  if (provider) attributes["gen_ai.provider.name"] = attributes["gen_ai.system"] = provider;
  if (!attempt.baseUrl) return attributes;
  try {
    const url = new URL(attempt.baseUrl);
    attributes["server.address"] = url.hostname;
    if (url.port) attributes["server.port"] = Number(url.port);
  } catch {
    // A base URL the catalog accepted always parses; an unparsable one just has no server.address.
  }
  return attributes;
}
