// Which of a user's conversations contain a text in their title or in any message, literally and
// ignoring case, the same on SQLite and PostgreSQL: both sides are lower-cased (the folded columns)
// and compared with instr/strpos, not LIKE, whose % and _ would be wildcards (Prisma's `contains`
// does not escape them).
import { Prisma } from "../generated/prisma-sqlite";
import { db, isPostgres } from "../db";
import type { ConversationOwner } from "./conversation-owner";
import { fold } from "./conversation-view";

export async function conversationIdsContaining(owner: ConversationOwner, text: string): Promise<string[]> {
  const needle = fold(text);
  const position = (column: Prisma.Sql) => (isPostgres() ? Prisma.sql`strpos(${column}, ${needle})` : Prisma.sql`instr(${column}, ${needle})`);
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT c."id" FROM "Conversation" c
    WHERE c."orgId" = ${owner.orgId} AND c."userId" = ${owner.userId}
      AND (${position(Prisma.sql`c."titleFolded"`)} > 0
        OR EXISTS (SELECT 1 FROM "ConversationMessage" m WHERE m."conversationId" = c."id" AND ${position(Prisma.sql`m."contentFolded"`)} > 0))`);
  return rows.map((row) => row.id);
}
