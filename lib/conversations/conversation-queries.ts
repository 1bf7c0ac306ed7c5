// Reading a user's conversations: the list with search (title and message text, literal and
// case-insensitive on both databases: search-conversations.ts), model, date range, sort and pages;
// one with its messages in order; and the export.
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import type { ListResult } from "../http/list-query";
import { conversationSelect, toConversation, toConversationWithMessages } from "./conversation-view";
import type { ConversationOwner } from "./conversation-owner";
import { conversationIdsContaining } from "./search-conversations";
import type { Conversation, ConversationWithMessages, ListConversationsQuery } from "./schemas";


const DAY_MS = 24 * 60 * 60 * 1000;
const messagesInOrder = { orderBy: { seq: "asc" as const }, select: { role: true, content: true, model: true, meta: true, createdAt: true } };

/** A `to` at midnight UTC (a plain date) includes that whole day. */
function endOf(to: Date): Date {
  return to.getTime() % DAY_MS === 0 ? new Date(to.getTime() + DAY_MS) : new Date(to.getTime() + 1);
}

export async function listConversations(owner: ConversationOwner, query: ListConversationsQuery): Promise<ListResult<Conversation>> {
  const matching = query.q ? await conversationIdsContaining(owner, query.q) : null;
  const where = {
    orgId: owner.orgId,
    userId: owner.userId,
    ...(query.model ? { model: query.model } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: endOf(query.to) } : {}) } } : {}),
    ...(matching ? { id: { in: matching } } : {}),
  };
  const order = query.order;
  const sortField = query.sort === "created" ? "createdAt" : query.sort === "title" ? "titleFolded" : "updatedAt";
  const [rows, total] = await Promise.all([
    db().conversation.findMany({
      where,
      select: conversationSelect,
      orderBy: [{ [sortField]: order }, { id: order }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().conversation.count({ where }),
  ]);
  return { data: rows.map(toConversation), total };
}

export async function getConversationOrThrow(owner: ConversationOwner, id: string): Promise<ConversationWithMessages> {
  const row = id.length <= 64 ? await db().conversation.findFirst({ where: { id, orgId: owner.orgId, userId: owner.userId }, select: { ...conversationSelect, messages: messagesInOrder } }) : null;
  if (!row) throw new NotFoundError(`Conversation ${id} not found.`);
  return toConversationWithMessages(row);
}

/** The conversations named (or every one of the owner's), oldest first, with their messages. */
export async function exportConversations(owner: ConversationOwner, ids?: string[]): Promise<{ conversations: ConversationWithMessages[] }> {
  const rows = await db().conversation.findMany({
    where: { orgId: owner.orgId, userId: owner.userId, ...(ids ? { id: { in: ids } } : {}) },
    select: { ...conversationSelect, messages: messagesInOrder },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return { conversations: rows.map(toConversationWithMessages) };
}
