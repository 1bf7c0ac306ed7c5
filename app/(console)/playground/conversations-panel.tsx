"use client";
// Saved conversations beside the playground: find (search, model, dates, sort, pages of 20), open,
// rename, delete one or several, export one, several or all, and import an export.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Pagination } from "@/components/data-table/pagination";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Checkbox } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import type { Conversation } from "@/lib/conversations/schemas";
import { errorMessage } from "@/lib/query/api-error";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { ConversationFiltersBar } from "./conversation-filters";
import { downloadExport, importFile, type ImportOutcome } from "./conversation-transfer";
import { conversationKeys, conversationsQuery, DEFAULT_FILTERS, deleteConversations, renameConversation, type ConversationFilters } from "./conversations-api";
import { RenameDialog } from "./rename-dialog";

export function ConversationsPanel({ models, currentId, onOpen }: { models: Model[]; currentId: string | null; onOpen: (id: string | null) => void }) {
  const [filters, setFilters] = useState<ConversationFilters>(DEFAULT_FILTERS);
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<Conversation | null>(null);
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<ImportOutcome | string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useQuery(conversationsQuery(filters));

  // Search as one types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => (current.q === search.trim() ? current : { ...current, q: search.trim(), page: 1 })), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const rename = useInvalidatingMutation(({ id, title }: { id: string; title: string }) => renameConversation(id, title), [conversationKeys.all], () => setRenaming(null));
  const remove = useInvalidatingMutation((ids: string[]) => deleteConversations(ids), [conversationKeys.all], (_result, ids) => {
    setDeleting(null);
    setSelected(new Set());
    if (currentId && ids.includes(currentId)) onOpen(null);
  });
  const importing = useInvalidatingMutation((file: File) => importFile(file), [conversationKeys.all], (outcome) => setNotice(outcome));

  const rows = list.data?.data ?? [];
  const toggle = (id: string) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const exportSome = (ids?: string[]) => void downloadExport(ids).then((count) => setNotice(`Exported ${count} conversation${count === 1 ? "" : "s"}.`), (error: unknown) => setNotice(errorMessage(error)));

  return (
    <section aria-label="Saved conversations" className="space-y-3" data-testid="conversations-panel">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">Conversations</h2>
        <Button size="sm" onClick={() => onOpen(null)} data-testid="new-conversation">New</Button>
      </div>
      <ConversationFiltersBar filters={filters} models={models} search={search} onSearch={setSearch} onChange={(change) => setFilters((current) => ({ ...current, ...change }))} />
      {list.isLoading ? (
        <LoadingBlock label="Loading conversations…" className="p-0" />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} title="Could not load conversations" />
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="no-conversations">{filters.q || filters.model || filters.from || filters.to ? "No conversation matches." : "Conversations are saved here as you chat."}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="conversation-list">
          {rows.map((conversation) => (
            <li key={conversation.id} className={cn("flex items-start gap-2 px-2 py-2", conversation.id === currentId && "bg-indigo-50")} data-testid="conversation-item">
              <Checkbox aria-label={`Select ${conversation.title}`} checked={selected.has(conversation.id)} onChange={() => toggle(conversation.id)} className="mt-1" />
              <button type="button" className="min-w-0 flex-1 text-left" onClick={() => onOpen(conversation.id)} data-testid="open-conversation">
                <span className="block truncate text-sm font-medium text-slate-900">{conversation.title}</span>
                <span className="block truncate text-xs text-slate-500">
                  {conversation.model} · {conversation.messageCount} messages · <LocalTime iso={conversation.updatedAt} />
                </span>
              </button>
              <div className="flex shrink-0 gap-1">
                <Button size="sm" variant="ghost" onClick={() => setRenaming(conversation)} aria-label={`Rename ${conversation.title}`} data-testid="rename-conversation">Rename</Button>
                <Button size="sm" variant="ghost" onClick={() => setDeleting([conversation.id])} aria-label={`Delete ${conversation.title}`} data-testid="delete-conversation">Delete</Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {(list.data?.total ?? 0) > filters.pageSize && (
        <Pagination page={filters.page} pageSize={filters.pageSize} total={list.data?.total ?? 0} onPageChange={(page) => setFilters((current) => ({ ...current, page }))} busy={list.isFetching} />
      )}
      <div className="flex flex-wrap gap-2">
        {selected.size > 0 && (
          <>
            <Button size="sm" variant="danger" onClick={() => setDeleting([...selected])} data-testid="delete-selected">Delete {selected.size}</Button>
            <Button size="sm" onClick={() => exportSome([...selected])} data-testid="export-selected">Export {selected.size}</Button>
          </>
        )}
        <Button size="sm" onClick={() => exportSome()} data-testid="export-all">Export all</Button>
        <Button size="sm" onClick={() => fileInput.current?.click()} pending={importing.isPending} data-testid="import-conversations">Import</Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          data-testid="import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) importing.mutate(file);
            event.target.value = "";
          }}
        />
      </div>
      {importing.error && <InlineAlert tone="error">{errorMessage(importing.error)}</InlineAlert>}
      {notice !== null && (
        <InlineAlert tone={typeof notice !== "string" && notice.errors.length > 0 ? "warning" : "info"} testId="conversation-notice">
          {typeof notice === "string" ? (
            <p>{notice}</p>
          ) : (
            <>
              <p>Imported {notice.imported} conversation{notice.imported === 1 ? "" : "s"}{notice.errors.length > 0 ? `; ${notice.errors.length} left out:` : "."}</p>
              {notice.errors.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-xs">{notice.errors.slice(0, 20).map((error) => <li key={error}>{error}</li>)}</ul>
              )}
            </>
          )}
        </InlineAlert>
      )}
      {renaming && (
        <RenameDialog
          title={renaming.title}
          onClose={() => setRenaming(null)}
          onSave={(title) => rename.mutate({ id: renaming.id, title })}
          pending={rename.isPending}
          error={rename.error ? errorMessage(rename.error) : undefined}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title={deleting && deleting.length > 1 ? `Delete ${deleting.length} conversations?` : "Delete this conversation?"}
        description="Its messages are deleted too. Export it first to keep a copy."
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </section>
  );
}
