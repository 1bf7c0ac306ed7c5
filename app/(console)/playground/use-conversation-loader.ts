"use client";
// Opens a saved conversation in the playground: reads it (messages in order) and hands it to the
// page, which shows its thread and takes its model, system prompt and parameters. A conversation the
// page created itself is already on screen and is not read back.
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { ConversationWithMessages } from "@/lib/conversations/schemas";
import type { PlaygroundSummary } from "@/lib/query/playground-stream";
import { conversationQuery } from "./conversations-api";
import type { ChatMessage } from "./use-playground-chat";

export function threadOf(conversation: ConversationWithMessages): Omit<ChatMessage, "id">[] {
  return conversation.messages
    .filter((message) => message.role !== "system")
    .map((message) => {
      const meta = message.meta;
      const summary: PlaygroundSummary | undefined =
        meta?.requestId !== undefined
          ? {
              requestId: meta.requestId,
              model: message.model ?? conversation.model,
              usage: { prompt_tokens: meta.inputTokens ?? 0, completion_tokens: meta.outputTokens ?? 0, total_tokens: (meta.inputTokens ?? 0) + (meta.outputTokens ?? 0) },
              cost: meta.cost ?? 0,
              latencyMs: meta.latencyMs ?? 0,
              ttftMs: meta.ttftMs ?? null,
              cache: (meta.cache ?? "miss") as PlaygroundSummary["cache"],
              estimated: meta.estimated ?? false,
            }
          : undefined;
      return { role: message.role as "user" | "assistant", content: message.content, status: "done" as const, model: message.model ?? undefined, summary, requestId: meta?.requestId };
    });
}

/** `shownId`: the conversation on screen; `apply` puts another one there (and makes it the shown one). */
export function useConversationLoader(id: string | null, shownId: string | null, apply: (conversation: ConversationWithMessages) => void) {
  const wanted = id !== null && id !== shownId;
  const query = useQuery({ ...conversationQuery(id ?? ""), enabled: wanted });
  useEffect(() => {
    if (wanted && query.data?.id === id) apply(query.data);
  }, [wanted, query.data, id, apply]);
  return { loading: wanted && query.isLoading, error: wanted ? query.error : null };
}

/** The settings panel's values for a saved conversation (numbers as text, as the panel keeps them). */
export function settingsOf(conversation: ConversationWithMessages) {
  const number = (value: unknown) => (typeof value === "number" ? String(value) : "");
  return { model: conversation.model, system: conversation.systemPrompt ?? "", temperature: number(conversation.params.temperature), maxTokens: number(conversation.params.max_tokens) };
}
