// Conversation rows as the API returns them.
import type { Conversation, ConversationWithMessages } from "./schemas";

export const conversationSelect = { id: true, title: true, model: true, systemPrompt: true, params: true, messageCount: true, createdAt: true, updatedAt: true } as const;

type Row = { id: string; title: string; model: string; systemPrompt: string | null; params: string; messageCount: number; createdAt: Date; updatedAt: Date };
type MessageRow = { role: string; content: string; model: string | null; meta: string | null; createdAt: Date };

export function toConversation(row: Row): Conversation {
  return {
    id: row.id,
    title: row.title,
    model: row.model,
    systemPrompt: row.systemPrompt,
    params: JSON.parse(row.params) as Record<string, unknown>,
    messageCount: row.messageCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toConversationWithMessages(row: Row & { messages: MessageRow[] }): ConversationWithMessages {
  return {
    ...toConversation(row),
    messages: row.messages.map((message) => ({
      role: message.role as ConversationWithMessages["messages"][number]["role"],
      content: message.content,
      model: message.model,
      meta: message.meta ? (JSON.parse(message.meta) as ConversationWithMessages["messages"][number]["meta"]) : null,
      createdAt: message.createdAt.toISOString(),
    })),
  };
}

/** Search runs on lower-cased copies, so it ignores case the same way on SQLite and PostgreSQL. */
export function fold(text: string): string {
  return text.toLowerCase();
}
