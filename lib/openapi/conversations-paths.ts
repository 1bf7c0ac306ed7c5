// Saved playground conversations (/api/conversations): a console session or a virtual key (the key's
// user's conversations only), errors in the admin API's shape.
import type { z } from "zod";
import {
  appendMessagesSchema, conversationListSchema, conversationWithMessagesSchema, createConversationSchema, deletedSchema, exportSchema,
  idsQuerySchema, importResultSchema, importSchema, listConversationsQuerySchema, requiredIdsQuerySchema, updateConversationSchema,
} from "../conversations/schemas";
import type { ComponentName } from "./components";
import { adminOperation, type AdminOperation } from "./operation";

export function conversationsComponents(): Record<string, z.ZodType> {
  return {
    CreateConversation: createConversationSchema,
    UpdateConversation: updateConversationSchema,
    AppendMessages: appendMessagesSchema,
    ImportConversations: importSchema,
    Conversation: conversationWithMessagesSchema,
    ConversationList: conversationListSchema,
    ConversationExport: exportSchema,
    ConversationImportResult: importResultSchema,
    DeletedConversations: deletedSchema,
  };
}

type ConversationComponent = keyof ReturnType<typeof conversationsComponents>;
const schema = (name: ConversationComponent) => name as ComponentName;

const tag = "Conversations";
const roles = "any signed-in user, or a virtual key; each sees only their own conversations";

function op(operation: Omit<AdminOperation, "tag" | "roles">) {
  return { ...adminOperation({ ...operation, tag, roles }), security: [{ session: [] }, { virtualKey: [] }] };
}

export function conversationsPaths(): Record<string, unknown> {
  return {
    "/api/conversations": {
      get: op({ summary: "The caller's conversations: `q` searches titles and message text (literal, any case), `model`, `from`/`to` (creation date; a plain date includes its day), `sort` created|updated|title, `order`, pages of `pageSize` (20, at most 100)", query: listConversationsQuerySchema as unknown as z.ZodObject, ok: { status: 200, schema: schema("ConversationList") } }),
      post: op({ summary: "Save a conversation with its model, system prompt, parameters and first messages", body: schema("CreateConversation"), ok: { status: 201, schema: schema("Conversation") } }),
      delete: op({ summary: "Delete several conversations at once (`ids=a,b`); others' ids are ignored", query: requiredIdsQuerySchema, ok: { status: 200, schema: schema("DeletedConversations") } }),
    },
    "/api/conversations/{id}": {
      get: op({ summary: "One conversation with its messages in order", withId: true, ok: { status: 200, schema: schema("Conversation") } }),
      patch: op({ summary: "Rename a conversation, or change its model, system prompt or parameters", withId: true, body: schema("UpdateConversation"), ok: { status: 200, schema: schema("Conversation") } }),
      delete: op({ summary: "Delete a conversation", withId: true, ok: { status: 200, schema: schema("DeletedConversations") } }),
    },
    "/api/conversations/{id}/messages": {
      post: op({ summary: "Append a turn: one message, or `{ messages: [...] }` in order", withId: true, body: schema("AppendMessages"), errors: [409], ok: { status: 201, schema: schema("Conversation") } }),
    },
    "/api/conversations/export": {
      get: op({ summary: "Export the conversations named by `ids` (all of the caller's without it) as `{ conversations: [...] }`", query: idsQuerySchema, ok: { status: 200, schema: schema("ConversationExport") } }),
    },
    "/api/conversations/import": {
      post: op({ summary: "Import what the export returns (at most CONVERSATIONS_IMPORT_MAX_BYTES): each bad item is reported with its index and field, the rest imported with new ids", body: schema("ImportConversations"), ok: { status: 200, schema: schema("ConversationImportResult") } }),
    },
  };
}
