"use client";
// Compare: one prompt to two or three models at once, each through the playground's own endpoint
// (the same pipeline, usage and cost), each answer streamed into its own column with what the
// gateway reported for it (tokens, cost, latency, time to first token).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { errorMessage } from "@/lib/query/api-error";
import { streamPlaygroundChat, type ChatTurn, type PlaygroundSummary } from "@/lib/query/playground-stream";
import { queryKeys } from "@/lib/query/query-keys";

export interface CompareAnswer {
  model: string;
  content: string;
  status: "streaming" | "done" | "error" | "stopped";
  summary?: PlaygroundSummary;
  error?: string;
}

export function useCompare() {
  const [answers, setAnswers] = useState<CompareAnswer[]>([]);
  const abort = useRef<AbortController | null>(null);
  const queryClient = useQueryClient();
  const running = answers.some((answer) => answer.status === "streaming");

  const patch = useCallback((index: number, change: (answer: CompareAnswer) => Partial<CompareAnswer>) => {
    setAnswers((current) => current.map((answer, i) => (i === index ? { ...answer, ...change(answer) } : answer)));
  }, []);

  const run = useCallback(
    async (models: string[], prompt: string, settings: { system?: string; temperature?: number; maxTokens?: number }) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setAnswers(models.map((model) => ({ model, content: "", status: "streaming" })));
      const messages: ChatTurn[] = [...(settings.system ? [{ role: "system" as const, content: settings.system }] : []), { role: "user", content: prompt }];
      await Promise.all(
        models.map(async (model, index) => {
          try {
            await streamPlaygroundChat(
              { model, messages, temperature: settings.temperature, max_tokens: settings.maxTokens },
              { onDelta: (delta) => patch(index, (answer) => ({ content: answer.content + delta })), onSummary: (summary) => patch(index, () => ({ summary })) },
              controller.signal,
            );
            patch(index, () => ({ status: "done" }));
          } catch (error) {
            patch(index, () => (controller.signal.aborted ? { status: "stopped" } : { status: "error", error: errorMessage(error) }));
          }
        }),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.usage.all });
    },
    [patch, queryClient],
  );

  const stop = useCallback(() => abort.current?.abort(), []);
  return { answers, running, run, stop };
}
