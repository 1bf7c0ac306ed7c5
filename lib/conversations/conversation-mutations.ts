// Writing a user's conversations. A conversation is saved as it happens: created with its first
// turns, then each turn appended. Appends number their messages with a conditional update of the
// count (two appends at once cannot take the same positions) and move `updatedAt`.
import { db } from "../db";
import { ConflictError, NotFoundError } from "../http/errors";
import { fold } from "./conversation-view";
import type { ConversationOwner } from "./conversation-owner";
import type { CreateConversation, MessageInput, UpdateConversation } from "./schemas";

type DbClient = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

function messageRows(conversationId: string, firstSeq: number, messages: (MessageInput & { createdAt?: string })[], now: Date) {
  return messages.map((message, index) => ({
    conversationId,
    seq: firstSeq + index,
    role: message.role,
    content: message.content,
    contentFolded: fold(message.content),
    model: message.model ?? null,
    meta: message.meta ? JSON.stringify(message.meta) : null,
    createdAt: message.createdAt ? new Date(message.createdAt) : now,
  }));
}

/** `dates`: an import keeps the exported times. */
export async function createConversation(
  owner: ConversationOwner,
  input: CreateConversation & { messages: (MessageInput & { createdAt?: string })[] },
  dates: { createdAt?: string; updatedAt?: string } = {},
  client?: DbClient,
): Promise<string> {
  const write = async (tx: DbClient) => {
    const now = new Date();
    const created = await tx.conversation.create({
      data: {
        orgId: owner.orgId,
        userId: owner.userId,
        title: input.title,
        titleFolded: fold(input.title),
        model: input.model,
        systemPrompt: input.systemPrompt ?? null,
        params: JSON.stringify(input.params ?? {}),
        messageCount: input.messages.length,
        createdAt: dates.createdAt ? new Date(dates.createdAt) : now,
        updatedAt: dates.updatedAt ? new Date(dates.updatedAt) : now,
      },
      select: { id: true },
    });
    if (input.messages.length > 0) await tx.conversationMessage.createMany({ data: messageRows(created.id, 0, input.messages, now) });
    return created.id;
  };
  return client ? write(client) : db().$transaction(write);
}

export async function updateConversation(owner: ConversationOwner, id: string, input: UpdateConversation): Promise<void> {
  const updated = await db().conversation.updateMany({
    where: { id, orgId: owner.orgId, userId: owner.userId },
    data: {
      ...(input.title !== undefined ? { title: input.title, titleFolded: fold(input.title) } : {}),
      ...(input.model !== undefined ? { model: input.model } : {}),
      ...(input.systemPrompt !== undefined ? { systemPrompt: input.systemPrompt } : {}),
      ...(input.params !== undefined ? { params: JSON.stringify(input.params ?? {}) } : {}),
      updatedAt: new Date(),
    },
  });
  if (updated.count === 0) throw new NotFoundError(`Conversation ${id} not found.`);
}

export async function appendMessages(owner: ConversationOwner, id: string, messages: MessageInput[]): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await db().conversation.findFirst({ where: { id, orgId: owner.orgId, userId: owner.userId }, select: { messageCount: true } });
    if (!current) throw new NotFoundError(`Conversation ${id} not found.`);
    const appended = await db().$transaction(async (tx) => {
      const now = new Date();
      const moved = await tx.conversation.updateMany({ where: { id, messageCount: current.messageCount }, data: { messageCount: current.messageCount + messages.length, updatedAt: now } });
      if (moved.count !== 1) return false; // another append came first: number after it
      await tx.conversationMessage.createMany({ data: messageRows(id, current.messageCount, messages, now) });
      return true;
    });
    if (appended) return;
  }
  throw new ConflictError("The conversation kept changing while appending; try again.");
}

export async function deleteConversations(owner: ConversationOwner, ids: string[]): Promise<number> {
  const deleted = await db().conversation.deleteMany({ where: { id: { in: ids }, orgId: owner.orgId, userId: owner.userId } });
  return deleted.count;
}
