// Client for POST /api/playground/tokens: the prompt the next playground call would send, counted as
// the gateway counts it for quotas, with the call's worst-case cost (lib/self-service/token-count.ts).
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import type { TokenCount } from "../self-service/schemas";
import type { ChatTurn } from "./playground-stream";

export interface PromptCountRequest {
  model: string;
  messages: ChatTurn[];
  max_tokens?: number;
}

/** The count POST /v1/tokens/count answers too. */
export type PromptCount = TokenCount;

export function promptCountQuery(request: PromptCountRequest) {
  return queryOptions({
    queryKey: ["playground", "tokens", request] as const,
    queryFn: ({ signal }) => fetchJson<PromptCount>("/api/playground/tokens", { method: "POST", body: request, signal }),
    // A count never changes for the same prompt; the previous one stays on screen while the next loads.
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
}
