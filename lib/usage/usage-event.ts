import type { AttemptLine } from "./deployment-stats";
import type { RefusalReason } from "./refusal-reasons";

/** One proxied call, as the gateway reports it to the usage writer. */
export interface UsageEvent {
  requestId: string;
  orgId: string;
  keyId: string | null;
  userId: string | null;
  teamId: string | null;
  model: string;
  providerId: string | null;
  providerKind: string | null;
  /** the provider's name as configured (metrics and the access log only; not stored) */
  providerName?: string | null;
  upstreamModel: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** prompt tokens written to the provider's prompt cache (part of inputTokens); absent = none */
  cacheWriteTokens?: number;
  costMicros: bigint;
  latencyMs: number;
  ttftMs: number | null;
  /** how long the attempt that answered (or failed last) took upstream, ms; absent = no upstream call (metrics only; not stored) */
  upstreamMs?: number | null;
  streamed: boolean;
  /** HTTP status the client got (499 = the client went away) */
  status: number;
  errorType: string | null;
  estimated: boolean;
  /** messages = Anthropic's Messages API (POST /v1/messages) */
  endpoint: "chat.completions" | "embeddings" | "messages";
  createdAt: Date;
  /**
   * The response cache's verdict (lib/cache): hit | semantic-hit = served from the cache (cost 0,
   * tokens = the stored answer's); miss | shadow = looked up and answered upstream; absent or null =
   * not consulted.
   */
  cache?: "hit" | "semantic-hit" | "miss" | "shadow" | null;
  /** micro-dollars a hit saved: its tokens at the model's prices at the time */
  costSavedMicros?: bigint;
  /**
   * tokens served from the cache, for the rollups; defaults to inputTokens + outputTokens on a hit
   * (an embeddings batch with some items cached is a miss that still saved its cached items' tokens)
   */
  tokensSaved?: number;
  /**
   * Why the gateway refused the call before any upstream work (lib/usage/refusal-reasons.ts); the
   * record then has status 4xx, cost 0 and no tokens. Absent or null = the call was admitted.
   */
  refusal?: RefusalReason | null;
  /** the batch (/v1/batches, lib/batches) the call was a line of; absent or null = not a batch call */
  batchId?: string | null;
  /**
   * Routing (lib/routing): the deployment that served (or failed last), the upstream attempts the call
   * took (absent: 1 when a provider was called, else 0), each attempt when there was more than one,
   * the fallback model that served, and the auto router the call came through.
   */
  deploymentId?: string | null;
  attempts?: number;
  attemptLog?: readonly AttemptLine[] | null;
  fallbackModel?: string | null;
  router?: string | null;
}
