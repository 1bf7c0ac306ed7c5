// The playground's reads and writes of /api/conversations (saved conversations).
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Conversation, ConversationWithMessages, createConversationSchema, messageInputSchema } from "@/lib/conversations/schemas";
import { fetchJson, toSearch } from "@/lib/query/fetch-json";
import type { ListResponse } from "@/lib/query/types";

export type NewConversation = z.input<typeof createConversationSchema>;
export type NewMessage = z.input<typeof messageInputSchema>;

export interface ConversationFilters {
  q: string;
  model: string;
  from: string;
  to: string;
  sort: "updated" | "created" | "title";
  order: "asc" | "desc";
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: ConversationFilters = { q: "", model: "", from: "", to: "", sort: "updated", order: "desc", page: 1, pageSize: 20 };

export const conversationKeys = {
  all: ["conversations"] as const,
  list: (filters: ConversationFilters) => ["conversations", "list", filters] as const,
  one: (id: string) => ["conversations", "one", id] as const,
};

export function conversationsQuery(filters: ConversationFilters) {
  return queryOptions({
    queryKey: conversationKeys.list(filters),
    queryFn: ({ signal }) => fetchJson<ListResponse<Conversation>>(`/api/conversations${toSearch({ ...filters })}`, { signal }),
    placeholderData: (previous) => previous,
  });
}

export function conversationQuery(id: string) {
  return queryOptions({
    queryKey: conversationKeys.one(id),
    queryFn: ({ signal }) => fetchJson<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(id)}`, { signal }),
    staleTime: Infinity,
  });
}

export const createConversation = (body: NewConversation) => fetchJson<ConversationWithMessages>("/api/conversations", { method: "POST", body });
export const appendMessages = (id: string, messages: NewMessage[]) =>
  fetchJson<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(id)}/messages`, { method: "POST", body: { messages } });
export const renameConversation = (id: string, title: string) => fetchJson<ConversationWithMessages>(`/api/conversations/${encodeURIComponent(id)}`, { method: "PATCH", body: { title } });
export const deleteConversations = (ids: string[]) => fetchJson<{ deleted: number }>(`/api/conversations${toSearch({ ids: ids.join(",") })}`, { method: "DELETE" });
export const exportConversations = (ids?: string[]) => fetchJson<{ conversations: ConversationWithMessages[] }>(`/api/conversations/export${toSearch({ ids: ids?.join(",") })}`);
export const importConversations = (body: unknown) =>
  fetchJson<{ imported: number; ids: string[]; errors: { index: number; message: string; field: string | null }[] }>("/api/conversations/import", { method: "POST", body });
