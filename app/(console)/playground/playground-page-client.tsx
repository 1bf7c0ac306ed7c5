"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { playgroundModelsQuery } from "@/lib/query/models";
import { ChatThread } from "./chat-thread";
import { Composer } from "./composer";
import { PlaygroundSettings, type SettingsValues } from "./playground-settings";
import { PromptCount } from "./prompt-count";
import { historyOf, usePlaygroundChat, type ChatSettings } from "./use-playground-chat";
import { usePromptCount } from "./use-prompt-count";
import { CompareView } from "./compare-view";
import { ConversationsPanel } from "./conversations-panel";
import { PlaygroundModeActions, type PlaygroundMode } from "./playground-mode";
import { ThreadNotices } from "./thread-notices";
import { settingsOf, threadOf, useConversationLoader } from "./use-conversation-loader";
import { useSavedConversation } from "./use-saved-conversation";

function optionalNumber(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text);
}

export function PlaygroundPageClient({ canManageModels, canCall }: { canManageModels: boolean; canCall: boolean }) {
  const models = useQuery(playgroundModelsQuery());
  // The thread is a saved conversation (?c=…): each exchange is saved as it happens.
  const saved = useSavedConversation();
  const chat = usePlaygroundChat({ onExchange: saved.save });
  const [mode, setMode] = useState<PlaygroundMode>("chat");
  const [values, setValues] = useState<SettingsValues>({ model: "", system: "", temperature: "", maxTokens: "" });
  const opening = useConversationLoader(saved.conversationId, saved.shownId, (conversation) => {
    saved.setShownId(conversation.id);
    chat.load(threadOf(conversation));
    setValues(settingsOf(conversation));
  });
  const available = models.data?.data ?? [];
  // Until the user picks one, use the first callable model.
  const model = available.some((m) => m.name === values.model) ? values.model : (available[0]?.name ?? "");
  const [draft, setDraft] = useState("");
  const history = useMemo(() => historyOf(chat.messages.filter((m) => m.status !== "streaming")), [chat.messages]);
  const promptCount = usePromptCount({ model, system: values.system.trim() || undefined, history, draft, maxTokens: optionalNumber(values.maxTokens) });

  const send = (text: string) => {
    const settings: ChatSettings = {
      model,
      system: values.system.trim() || undefined,
      temperature: optionalNumber(values.temperature),
      maxTokens: optionalNumber(values.maxTokens),
    };
    void chat.send(text, settings);
  };

  return (
    <>
      <PageHeader
        title="Playground"
        description="Chat with any model through the gateway. Every answer shows its tokens, cost and latency, and appears in Usage."
        actions={
          <PlaygroundModeActions
            mode={mode}
            onMode={setMode}
            hasThread={chat.messages.length > 0 || saved.conversationId !== null}
            onNew={() => {
              chat.clear();
              saved.open(null);
            }}
          />
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[18rem_1fr]">
        <Card className="self-start">
          <CardBody>
            {models.isLoading ? (
              <LoadingBlock label="Loading models…" className="p-0" />
            ) : models.error ? (
              <ErrorState error={models.error} onRetry={() => void models.refetch()} title="Could not load models" />
            ) : available.length === 0 ? (
              <EmptyState
                title="No callable models"
                description={
                  canManageModels
                    ? "A model needs a provider and must be enabled before it can be used here."
                    : "Ask an admin to enable a model and attach it to a provider."
                }
                action={
                  canManageModels && (
                    <Link href="/models" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                      Go to Models
                    </Link>
                  )
                }
              />
            ) : (
              <PlaygroundSettings models={available} values={{ ...values, model }} onChange={setValues} />
            )}
          </CardBody>
          <CardBody className="border-t border-slate-100">
            <ConversationsPanel
              models={available}
              currentId={saved.conversationId}
              onOpen={(id) => {
                if (id === null) chat.clear();
                setMode("chat");
                saved.open(id);
              }}
            />
          </CardBody>
        </Card>
        {mode === "compare" ? (
          <CompareView
            models={available}
            canCall={canCall}
            settings={{ system: values.system.trim() || undefined, temperature: optionalNumber(values.temperature), maxTokens: optionalNumber(values.maxTokens) }}
          />
        ) : (
        <Card className="flex h-[calc(100vh-13rem)] min-h-[26rem] flex-col overflow-hidden">
          {chat.messages.length === 0 ? (
            <div className="flex flex-1 items-center justify-center">
              <EmptyState title="Start a conversation" description="Answers stream in as the model writes them; Stop cuts an answer short." />
            </div>
          ) : (
            <ChatThread messages={chat.messages} />
          )}
          <ThreadNotices canCall={canCall} opening={opening} saveError={saved.saveError} />
          <Composer
            onSend={send}
            onStop={chat.stop}
            streaming={chat.streaming}
            disabled={!model || !canCall}
            disabledHint={canCall ? undefined : "Viewers cannot send messages"}
            onDraftChange={setDraft}
            footer={promptCount.active && <PromptCount count={promptCount.data} error={promptCount.error} updating={promptCount.pending || promptCount.isFetching} />}
          />
        </Card>
        )}
      </div>
    </>
  );
}
