"use client";
// The playground's thread is a saved conversation: the first exchange creates it (titled after the
// first prompt, with the model, system prompt and parameters), each later one is appended. Its id
// is in the URL (?c=…) and remembered in this browser, so the thread survives a reload and leaving
// the page; opening another conversation, or "New conversation", switches it.
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ConversationWithMessages } from "@/lib/conversations/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { appendMessages, conversationKeys, createConversation, type NewMessage } from "./conversations-api";
import type { Exchange } from "./use-playground-chat";

const REMEMBERED = "tollgate.playground.conversation";

function titleOf(prompt: string): string {
  const line = prompt.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || "Untitled";
}

function messagesOf(exchange: Exchange): NewMessage[] {
  const messages: NewMessage[] = [{ role: "user", content: exchange.user }];
  const { answer } = exchange;
  if (answer) {
    const summary = answer.summary;
    messages.push({
      role: "assistant",
      content: answer.content,
      model: answer.model,
      meta: summary
        ? { requestId: summary.requestId, inputTokens: summary.usage.prompt_tokens, outputTokens: summary.usage.completion_tokens, cost: summary.cost, latencyMs: summary.latencyMs, ttftMs: summary.ttftMs, cache: summary.cache, estimated: summary.estimated }
        : null,
    });
  }
  return messages;
}

export function useSavedConversation() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const current = searchParams.get("c");
  const [saveError, setSaveError] = useState<string | null>(null);
  // Exchanges are saved one after the other, in order, even when the next prompt is sent before the last save returned.
  const queue = useRef<Promise<string | null>>(Promise.resolve(current));
  const idRef = useRef<string | null>(current);
  useEffect(() => {
    idRef.current = current;
    // Opened from the URL (a reload, back and forward, the remembered one): later turns go there.
    if (current) queue.current = queue.current.then(() => current);
  }, [current]);
  /** the conversation whose thread is on screen (use-conversation-loader.ts reads any other one) */
  const [shownId, setShownId] = useState<string | null>(null);

  const open = (id: string | null) => {
    if (id) window.localStorage.setItem(REMEMBERED, id);
    else window.localStorage.removeItem(REMEMBERED);
    if (!id) setShownId(null);
    queue.current = Promise.resolve(id);
    router.replace(id ? `${pathname}?c=${encodeURIComponent(id)}` : pathname);
  };

  // Back on the page without ?c: the conversation this browser had open last.
  useEffect(() => {
    if (current) return;
    const remembered = window.localStorage.getItem(REMEMBERED);
    if (remembered) router.replace(`${pathname}?c=${encodeURIComponent(remembered)}`);
  }, [current, pathname, router]);

  const save = (exchange: Exchange) => {
      queue.current = queue.current.then(async (id) => {
        try {
          let saved: ConversationWithMessages;
          if (id) saved = await appendMessages(id, messagesOf(exchange));
          else {
            const { settings } = exchange;
            saved = await createConversation({
              title: titleOf(exchange.user),
              model: settings.model,
              systemPrompt: settings.system ?? null,
              params: { ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}), ...(settings.maxTokens !== undefined ? { max_tokens: settings.maxTokens } : {}) },
              messages: messagesOf(exchange),
            });
            window.localStorage.setItem(REMEMBERED, saved.id);
            setShownId(saved.id);
            if (idRef.current === null) router.replace(`${pathname}?c=${encodeURIComponent(saved.id)}`);
          }
          queryClient.setQueryData(conversationKeys.one(saved.id), saved);
          void queryClient.invalidateQueries({ queryKey: conversationKeys.all, refetchType: "active", predicate: (query) => query.queryKey[1] === "list" });
          setSaveError(null);
          return saved.id;
        } catch (error) {
          setSaveError(`This turn was not saved: ${errorMessage(error)}`);
          return id;
        }
      });
  };

  return { conversationId: current, shownId, setShownId, open, save, saveError };
}
