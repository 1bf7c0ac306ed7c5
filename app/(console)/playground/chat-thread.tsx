"use client";
import { useEffect, useRef } from "react";
import { MarkdownAnswer } from "@/components/markdown/markdown-answer";
import { cn } from "@/components/ui/cn";
import { InlineAlert } from "@/components/ui/inline-alert";
import { AnswerMeta, RequestId } from "./answer-meta";
import type { ChatMessage } from "./use-playground-chat";

function AssistantBody({ message }: { message: ChatMessage }) {
  return (
    <>
      {message.content ? (
        <div data-testid="assistant-content">
          <MarkdownAnswer text={message.content} />
          {message.status === "streaming" && <span aria-hidden className="mt-1 inline-block h-4 w-1.5 animate-pulse bg-indigo-500 align-text-bottom" data-testid="streaming-cursor" />}
        </div>
      ) : message.status === "streaming" ? (
        <p className="text-sm text-slate-400">Waiting for the first token…</p>
      ) : null}
      {message.status === "stopped" && <p className="mt-1 text-xs text-slate-500" data-testid="answer-stopped">Stopped.</p>}
      {message.status === "error" && (
        <InlineAlert tone="error" className="mt-2" testId="chat-error">
          <p>{message.error}</p>
          {message.requestId && (
            <div className="mt-1 text-xs">
              <RequestId id={message.requestId} />
            </div>
          )}
        </InlineAlert>
      )}
      {message.summary && <AnswerMeta summary={message.summary} />}
    </>
  );
}

/** The conversation, kept scrolled to the newest text while an answer streams in. */
export function ChatThread({ messages }: { messages: ChatMessage[] }) {
  const endRef = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [messages.length, last?.content, last?.status]);

  return (
    <div className="flex-1 space-y-4 overflow-y-auto p-4" aria-live="polite" aria-busy={last?.status === "streaming"} data-testid="chat-thread">
      {messages.map((message) => (
        <div key={message.id} className={cn("flex", message.role === "user" && "justify-end")} data-testid="chat-message" data-role={message.role} data-status={message.status}>
          <div
            className={cn(
              "max-w-[85%] rounded-lg px-4 py-3",
              message.role === "user" ? "bg-indigo-600 text-sm whitespace-pre-wrap text-white" : "min-w-0 border border-slate-200 bg-white",
            )}
          >
            {message.role === "user" ? message.content : <AssistantBody message={message} />}
          </div>
        </div>
      ))}
      <div ref={endRef} />
    </div>
  );
}
