"use client";
// Conversation state for the playground: sends the whole thread, streams the answer into the last
// message, and supports Stop (abort) and Clear. Usage queries are refreshed after every call so
// the dashboard and usage table include it.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ApiError, errorMessage } from "@/lib/query/api-error";
import { streamPlaygroundChat, type ChatTurn, type PlaygroundSummary } from "@/lib/query/playground-stream";
import { queryKeys } from "@/lib/query/query-keys";

export interface ChatMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  status: "streaming" | "done" | "stopped" | "error";
  model?: string;
  summary?: PlaygroundSummary;
  requestId?: string;
  error?: string;
}

export interface ChatSettings {
  model: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
}

/** The turns the model sees: finished exchanges only, so a failed answer is not fed back in. */
export function historyOf(messages: ChatMessage[]): ChatTurn[] {
  return messages
    .filter((m) => m.role === "user" || (m.status !== "error" && m.content !== ""))
    .map((m) => ({ role: m.role, content: m.content }));
}

/** One finished turn, handed to the saved conversation (use-saved-conversation.ts). */
export interface Exchange {
  settings: ChatSettings;
  user: string;
  /** the answer as shown: null when it failed before any text */
  answer: { content: string; model: string; summary?: PlaygroundSummary } | null;
}

export function usePlaygroundChat(options: { onExchange?: (exchange: Exchange) => void } = {}) {
  const { onExchange } = options;
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const abortRef = useRef<AbortController | null>(null);
  const nextId = useRef(1);
  const queryClient = useQueryClient();
  const streaming = messages.some((m) => m.status === "streaming");

  const update = useCallback((id: number, change: (m: ChatMessage) => Partial<ChatMessage>) => {
    setMessages((current) => current.map((m) => (m.id === id ? { ...m, ...change(m) } : m)));
  }, []);

  const send = useCallback(
    async (text: string, settings: ChatSettings) => {
      const user: ChatMessage = { id: nextId.current++, role: "user", content: text, status: "done" };
      const answer: ChatMessage = { id: nextId.current++, role: "assistant", content: "", status: "streaming", model: settings.model };
      const turns: ChatTurn[] = [
        ...(settings.system ? [{ role: "system" as const, content: settings.system }] : []),
        ...historyOf(messages),
        { role: "user", content: text },
      ];
      setMessages((current) => [...current, user, answer]);
      const controller = new AbortController();
      abortRef.current = controller;
      let shown = "";
      let summary: PlaygroundSummary | undefined;
      try {
        await streamPlaygroundChat(
          { model: settings.model, messages: turns, temperature: settings.temperature, max_tokens: settings.maxTokens },
          {
            onDelta: (delta) => {
              shown += delta;
              update(answer.id, (m) => ({ content: m.content + delta }));
            },
            onSummary: (received) => {
              summary = received;
              update(answer.id, () => ({ summary: received, requestId: received.requestId }));
            },
            onRequestId: (requestId) => update(answer.id, () => ({ requestId })),
          },
          controller.signal,
        );
        update(answer.id, () => ({ status: "done" }));
      } catch (error) {
        if (controller.signal.aborted) {
          update(answer.id, () => ({ status: "stopped" }));
        } else {
          const requestId = error instanceof ApiError ? (error.requestId ?? undefined) : undefined;
          update(answer.id, (m) => ({ status: "error", error: errorMessage(error), requestId: m.requestId ?? requestId }));
        }
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
        void queryClient.invalidateQueries({ queryKey: queryKeys.usage.all });
        onExchange?.({ settings, user: text, answer: shown || summary ? { content: shown, model: settings.model, summary } : null });
      }
    },
    [messages, update, queryClient, onExchange],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);

  const clear = useCallback(() => {
    abortRef.current?.abort();
    setMessages([]);
  }, []);

  /** Shows a saved conversation's messages (the thread then goes on from them). */
  const load = useCallback((saved: Omit<ChatMessage, "id">[]) => {
    abortRef.current?.abort();
    setMessages(saved.map((message) => ({ ...message, id: nextId.current++ })));
  }, []);

  return { messages, streaming, send, stop, clear, load };
}
