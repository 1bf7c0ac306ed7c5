// Import: accepts exactly what the export returns ({ conversations: [...] }). Each conversation is
// checked on its own; a bad one is reported with its position and field, and the rest are imported,
// each in its own transaction, with new ids and the exported times.
import { db } from "../db";
import { validationErrorFromZod } from "../http/admin-errors";
import { assertDatesInRange, assertStorableText } from "../http/input-safety";
import { HttpError } from "../http/errors";
import { createConversation } from "./conversation-mutations";
import type { ConversationOwner } from "./conversation-owner";
import { exportedConversationSchema } from "./schemas";

export interface ImportResult {
  imported: number;
  ids: string[];
  errors: { index: number; message: string; field: string | null }[];
}

export async function importConversations(owner: ConversationOwner, items: unknown[]): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, ids: [], errors: [] };
  for (const [index, item] of items.entries()) {
    const parsed = exportedConversationSchema.safeParse(item);
    if (!parsed.success) {
      const error = validationErrorFromZod(parsed.error);
      result.errors.push({ index, message: error.message, field: error.param });
      continue;
    }
    try {
      assertStorableText(parsed.data);
      assertDatesInRange(parsed.data);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result.errors.push({ index, message: error.message, field: error.param });
      continue;
    }
    const { createdAt, updatedAt, ...conversation } = parsed.data;
    const id = await db().$transaction((tx) => createConversation(owner, conversation, { createdAt, updatedAt }, tx));
    result.ids.push(id);
    result.imported++;
  }
  return result;
}
