// /api/conversations – saved playground conversations, for the playground and for scripts.
import { env } from "../env";
import { BadRequestError } from "../http/errors";
import { readLimitedText } from "../http/read-limited-body";
import { appendMessages, createConversation, deleteConversations, updateConversation } from "./conversation-mutations";
import { exportConversations, getConversationOrThrow, listConversations } from "./conversation-queries";
import { importConversations } from "./import-conversations";
import {
  appendMessagesSchema, createConversationSchema, idsQuerySchema, importSchema, listConversationsQuerySchema, requiredIdsQuerySchema, updateConversationSchema,
} from "./schemas";
import { withConversationRoute } from "./with-conversation-route";
import { validationErrorFromZod } from "../http/admin-errors";

// GET /api/conversations – the caller's conversations (q, model, from, to, sort, order, page, pageSize)
export const GET = withConversationRoute({
  querySchema: listConversationsQuerySchema,
  fn: ({ owner, query }) => listConversations(owner, query),
});

// POST /api/conversations – save a conversation (with its first messages)
export const POST = withConversationRoute({
  bodySchema: createConversationSchema,
  status: 201,
  fn: async ({ owner, body }) => getConversationOrThrow(owner, await createConversation(owner, body)),
});

// DELETE /api/conversations?ids=a,b – delete several at once
export const DELETE = withConversationRoute({
  querySchema: requiredIdsQuerySchema,
  fn: async ({ owner, query }) => ({ deleted: await deleteConversations(owner, query.ids) }),
});

// GET /api/conversations/{id} – one conversation with its messages in order
export const getOne = withConversationRoute({ fn: ({ owner, params }) => getConversationOrThrow(owner, params.id) });

// PATCH /api/conversations/{id} – rename, or change the model, system prompt or parameters
export const patchOne = withConversationRoute({
  bodySchema: updateConversationSchema,
  fn: async ({ owner, params, body }) => {
    await updateConversation(owner, params.id, body);
    return getConversationOrThrow(owner, params.id);
  },
});

// DELETE /api/conversations/{id}
export const deleteOne = withConversationRoute({
  fn: async ({ owner, params }) => {
    await getConversationOrThrow(owner, params.id);
    return { deleted: await deleteConversations(owner, [params.id]) };
  },
});

// POST /api/conversations/{id}/messages – append a turn (one message, or { messages: [...] })
export const appendRoute = withConversationRoute({
  bodySchema: appendMessagesSchema,
  status: 201,
  fn: async ({ owner, params, body }) => {
    await appendMessages(owner, params.id, "messages" in body ? body.messages : [body]);
    return getConversationOrThrow(owner, params.id);
  },
});

// GET /api/conversations/export?ids= – the conversations named, or all of the caller's
export const exportRoute = withConversationRoute({
  querySchema: idsQuerySchema,
  fn: ({ owner, query }) => exportConversations(owner, query.ids),
});

// POST /api/conversations/import – what the export returns; bad items reported, the rest imported
export const importRoute = withConversationRoute({
  fn: async ({ owner, request }) => {
    const text = await readLimitedText(request, env().CONVERSATIONS_IMPORT_MAX_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BadRequestError("The request body is not valid JSON.", null, "invalid_json");
    }
    const parsed = importSchema.safeParse(json);
    if (!parsed.success) throw validationErrorFromZod(parsed.error);
    return importConversations(owner, parsed.data.conversations);
  },
});
