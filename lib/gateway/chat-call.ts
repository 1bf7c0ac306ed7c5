// One chat completion call as the pipeline runs it: who asks, what, and the request's own options.
// A file of its own so the steps it passes through (cache-hit.ts) need not import the runner.
import type { AbortSignalLike } from "../abort/abort-flag";
import type { CacheDirectives } from "../cache/cache-directives";
import type { CacheEntrySource } from "../cache/cache-entry";
import type { ChatCompletionRequest } from "../openai-format/types";
import type { Principal } from "../principal/principal";
import type { RoutingDirectives } from "./routing-directives";

export interface ChatCall {
  requestId: string;
  principal: Principal;
  request: ChatCompletionRequest;
  /** aborted when the client disconnects */
  clientSignal: AbortSignalLike;
  startedAt: number;
  /** console playground: append a `tollgate.summary` event (tokens, cost, latency) before [DONE] */
  withSummary?: boolean;
  /** cache-control / x-tollgate-cache-ttl of the request (lib/cache/cache-directives.ts) */
  cache?: CacheDirectives;
  /** what a stored answer is marked as (warm-up jobs mark theirs) */
  cacheSource?: CacheEntrySource;
  /** x-tollgate-timeout-ms, -truncate, -priority and x-client-request-id (routing-directives.ts) */
  routing?: RoutingDirectives;
}
