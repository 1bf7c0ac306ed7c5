// The 429 a rate-limited call gets, worded like OpenAI's own:
//   "Rate limit reached for gpt-4o on key “ci” on requests per min (RPM): Limit 60, Used 60,
//    Requested 1. Please try again in 12.5s."
// The key, user or team is named as the caller knows it (the id when no name is loaded). The
// "try again in 12.5s" stays in OpenAI's own format: client libraries parse it to back off.
import { jsonGatewayResponse, type GatewayResponse } from "../http/gateway-response";
import type { PrincipalNames } from "../principal/principal";
import { scopeLabel, scopeName } from "../quotas/scope-label";
import type { WindowState } from "../store";
import { formatResetDuration, rateLimitHeaders } from "./rate-limit-headers";

export interface RefusedWindow {
  scope: "key" | "user" | "team";
  scopeId: string;
  kind: "rpm" | "tpm";
  limit: number;
}

const KIND_TEXT = { rpm: "requests per min (RPM)", tpm: "tokens per min (TPM)" } as const;

export function rateLimitRefusal(options: {
  requestId: string;
  model: string;
  refused: RefusedWindow;
  requested: number;
  retryAfterMs: number;
  windows: readonly { kind: "rpm" | "tpm" }[];
  states: readonly WindowState[];
  refusedState: WindowState | undefined;
  /** the caller's key, user and team names (from the principal; never looked up here) */
  names?: PrincipalNames;
}): GatewayResponse {
  const { refused, requested, retryAfterMs } = options;
  const used = options.refusedState ? options.refusedState.limit - options.refusedState.remaining : refused.limit;
  const tooLarge = requested > refused.limit;
  const subject = scopeLabel(refused.scope, refused.scopeId, options.names);
  const message = tooLarge
    ? `Request too large for ${options.model} on ${subject} on ${KIND_TEXT[refused.kind]}: Limit ${refused.limit}, Requested ${requested}. The input or output tokens must be reduced in order to run successfully.`
    : `Rate limit reached for ${options.model} on ${subject} on ${KIND_TEXT[refused.kind]}: Limit ${refused.limit}, Used ${used}, Requested ${requested}. Please try again in ${formatResetDuration(retryAfterMs)}.`;
  const body = {
    error: {
      message,
      type: "rate_limit_exceeded",
      code: "rate_limit_exceeded",
      param: null,
      limit: {
        scope: refused.scope,
        scopeId: refused.scopeId,
        name: scopeName(refused.scope, options.names),
        kind: refused.kind,
        limit: refused.limit,
        used,
        requested,
        retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)),
      },
    },
  };
  return jsonGatewayResponse(429, body, {
    "x-request-id": options.requestId,
    "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
    ...rateLimitHeaders(options.windows, options.states),
  });
}
