// One Messages API call as the pipeline runs it (the counterpart of ../chat-call.ts). A file of its
// own so messages-cache-hit.ts need not import the runner.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { CacheDirectives } from "../../cache/cache-directives";
import type { Principal } from "../../principal/principal";
import type { RoutingDirectives } from "../routing-directives";
import type { AnthropicClientHeaders } from "./anthropic-upstream";
import type { AnthropicMessagesRequest } from "./messages-request";
import type { CanonicalForm } from "./to-openai-request";

export interface MessagesCall {
  requestId: string;
  principal: Principal;
  request: AnthropicMessagesRequest;
  canonical: CanonicalForm;
  client: AnthropicClientHeaders;
  /** aborted when the client disconnects */
  clientSignal: AbortSignalLike;
  startedAt: number;
  cache?: CacheDirectives;
  /** x-tollgate-timeout-ms, -priority and x-client-request-id (routing-directives.ts) */
  routing?: RoutingDirectives;
}
