"use client";
// The live count under the composer: the prompt the next call would send (system prompt, the
// conversation so far, the message being typed), counted by the gateway a moment after typing stops.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ChatTurn } from "@/lib/query/playground-stream";
import { promptCountQuery, type PromptCountRequest } from "@/lib/query/playground-tokens";

/** How long typing must pause before the prompt is counted again. */
export const COUNT_DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export function usePromptCount(input: { model: string; system?: string; history: ChatTurn[]; draft: string; maxTokens?: number }) {
  const draft = input.draft.trim();
  const request: PromptCountRequest | null =
    input.model && draft
      ? {
          model: input.model,
          messages: [...(input.system ? [{ role: "system" as const, content: input.system }] : []), ...input.history, { role: "user", content: draft }],
          ...(input.maxTokens !== undefined && Number.isInteger(input.maxTokens) && input.maxTokens > 0 ? { max_tokens: input.maxTokens } : {}),
        }
      : null;
  // Compared as text: a new object every render must not restart the debounce.
  const settled = useDebounced(request ? JSON.stringify(request) : "", COUNT_DEBOUNCE_MS);
  const query = useQuery({
    ...promptCountQuery(settled ? (JSON.parse(settled) as PromptCountRequest) : { model: "", messages: [] }),
    enabled: settled !== "",
    placeholderData: keepPreviousData,
  });
  return { ...query, active: request !== null, pending: request !== null && JSON.stringify(request) !== settled };
}
