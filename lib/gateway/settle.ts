// Turns what happened on one call into a usage event: real usage when the upstream reported it,
// otherwise a tokenizer estimate (marked `estimated`), so an interrupted call is never free.
import { governanceNow } from "../quotas/clock";
import type { Admission } from "../quotas/live-admission";
import { batchPrice } from "../usage/batch-price";
import { costOfCall } from "../usage/money";
import type { UsageEvent } from "../usage/usage-event";
import { recordUsage } from "../usage/usage-recorder";
import type { AttemptRecord } from "../routing/types";
import type { CatalogDeployment, CatalogModel } from "./catalog-types";
import type { Principal } from "../principal/principal";
import { countPromptTokens, countTextTokens } from "../tokens/chat-tokens";
import type { ChatCompletionRequest, Usage } from "../openai-format/types";

export interface CallOutcome {
  requestId: string;
  principal: Principal;
  model: CatalogModel;
  request: ChatCompletionRequest;
  startedAt: number;
  /** the call's hold on its quotas and rate limits, settled here to the real usage */
  admission: Admission;
  ttftMs: number | null;
  streamed: boolean;
  status: number;
  errorType: string | null;
  usage: Usage | null;
  /** generated text so far, used to estimate completion tokens when usage is missing */
  completionText: string;
  /**
   * true when the upstream did work we are billed for without telling us how much: it accepted the
   * call (200) or the client went away mid-call. Upstream errors bill nothing.
   */
  billable: boolean;
  /** the response cache's verdict when it was consulted and missed (miss | shadow); null = not consulted */
  cache?: "miss" | "shadow" | null;
  /** the API the client called; chat.completions when absent */
  endpoint?: UsageEvent["endpoint"];
  /**
   * Routing (lib/routing): the deployment that served, or failed last (billed at its prices; the
   * model's first deployment when absent), how many attempts the call took, each of them when there
   * was more than one, the fallback model that served, and the auto router the call came through.
   */
  deployment?: CatalogDeployment | null;
  attempts?: number;
  attemptLog?: AttemptRecord[] | null;
  /** when the serving attempt was sent (performance.now()); or, for a call no attempt served, how long the last one took */
  upstreamStartedAt?: number;
  upstreamMs?: number | null;
  fallbackModel?: string | null;
  router?: string | null;
}

export interface SettledUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** prompt tokens written to the provider's prompt cache (part of inputTokens) */
  cacheWriteTokens: number;
  costMicros: bigint;
  estimated: boolean;
  latencyMs: number;
}

export async function settleCall(outcome: CallOutcome): Promise<SettledUsage> {
  const endedAt = performance.now();
  const latencyMs = Math.max(0, Math.round(endedAt - outcome.startedAt));
  const upstreamMs = outcome.upstreamStartedAt !== undefined ? endedAt - outcome.upstreamStartedAt : (outcome.upstreamMs ?? null);
  let inputTokens = 0;
  let outputTokens = 0;
  let cachedTokens = 0;
  let cacheWriteTokens = 0;
  let estimated = false;
  if (outcome.usage) {
    inputTokens = outcome.usage.prompt_tokens ?? 0;
    outputTokens = outcome.usage.completion_tokens ?? 0;
    cachedTokens = outcome.usage.prompt_tokens_details?.cached_tokens ?? 0;
    cacheWriteTokens = outcome.usage.prompt_tokens_details?.cache_write_tokens ?? 0;
  } else if (outcome.billable) {
    inputTokens = await countPromptTokens(outcome.request);
    outputTokens = await countTextTokens(outcome.completionText);
    estimated = true;
  }
  // Billing follows the deployment that answered: its prices, where it has its own.
  const { deployment } = outcome;
  // A batch line (lib/batches) at the model's batch discount.
  const costMicros = batchPrice(costOfCall({ inputTokens, outputTokens, cachedTokens, cacheWriteTokens }, deployment ? deployment.price : outcome.model.price), outcome.principal.batch);
  // An upstream failure settles to zero (released); a client cancel to the estimate above.
  outcome.admission.settle({ status: outcome.status, inputTokens, outputTokens, costMicros });
  const { principal, model } = outcome;
  recordUsage({
    requestId: outcome.requestId,
    batchId: principal.batch?.id ?? null,
    orgId: principal.orgId,
    keyId: principal.keyId,
    userId: principal.userId,
    teamId: principal.teamId,
    model: model.name,
    providerId: deployment === undefined ? model.target.providerId : (deployment?.providerId ?? null),
    providerKind: deployment === undefined ? model.target.kind : (deployment?.kind ?? null),
    providerName: deployment === undefined ? (model.deployments[0]?.providerName ?? null) : (deployment?.providerName ?? null),
    upstreamModel: deployment === undefined ? model.target.upstreamModel : (deployment?.upstreamModel ?? null),
    deploymentId: deployment === undefined ? (model.deployments[0]?.id ?? null) : (deployment?.id ?? null),
    attempts: outcome.attempts ?? 1,
    attemptLog: outcome.attemptLog ?? null,
    fallbackModel: outcome.fallbackModel ?? null,
    router: outcome.router ?? null,
    inputTokens,
    outputTokens,
    cachedTokens,
    cacheWriteTokens,
    costMicros,
    latencyMs,
    ttftMs: outcome.ttftMs,
    upstreamMs,
    streamed: outcome.streamed,
    status: outcome.status,
    errorType: outcome.errorType,
    estimated,
    endpoint: outcome.endpoint ?? "chat.completions",
    cache: outcome.cache ?? null,
    // The quotas' clock (the wall clock outside tests), so records and counters agree on the period.
    createdAt: new Date(governanceNow()),
  });
  return { inputTokens, outputTokens, cachedTokens, cacheWriteTokens, costMicros, estimated, latencyMs };
}
