// The saved-conversations contract (/api/conversations): what scripts and the playground send and
// get back. Pure zod: the playground's client code imports the same schemas.
import { z } from "zod";
import { isoDateParam } from "../http/list-schemas";

export const MESSAGE_ROLES = ["user", "assistant", "system"] as const;
export const CONVERSATION_SORTS = ["created", "updated", "title"] as const;
export const MAX_MESSAGES = 1000;

/** What the gateway reported for an answer, shown under it again when the conversation is reopened. */
export const messageMetaSchema = z
  .object({
    requestId: z.string().max(100).optional(),
    inputTokens: z.number().int().min(0).optional(),
    outputTokens: z.number().int().min(0).optional(),
    cost: z.number().min(0).optional(),
    latencyMs: z.number().min(0).nullable().optional(),
    ttftMs: z.number().min(0).nullable().optional(),
    cache: z.string().max(40).optional(),
    estimated: z.boolean().optional(),
  })
  .strip();

export const messageInputSchema = z.object({
  role: z.enum(MESSAGE_ROLES, { error: `must be one of ${MESSAGE_ROLES.join(", ")}` }),
  content: z.string().max(1_000_000, "must be at most 1,000,000 characters"),
  model: z.string().trim().min(1).max(200).nullish(),
  meta: messageMetaSchema.nullish(),
});
export type MessageInput = z.infer<typeof messageInputSchema>;

/** Temperature, max_tokens and the like, as the playground sends them to the model. */
const paramsSchema = z.record(z.string().max(64), z.union([z.number(), z.string().max(1000), z.boolean(), z.null()])).refine((p) => Object.keys(p).length <= 32, "must have at most 32 entries");

export const createConversationSchema = z.object({
  title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  model: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  systemPrompt: z.string().max(100_000, "must be at most 100,000 characters").nullish(),
  params: paramsSchema.nullish(),
  messages: z.array(messageInputSchema).max(MAX_MESSAGES, `must hold at most ${MAX_MESSAGES} messages`).default([]),
});
export type CreateConversation = z.infer<typeof createConversationSchema>;

export const updateConversationSchema = z
  .object({
    title: createConversationSchema.shape.title.optional(),
    model: createConversationSchema.shape.model.optional(),
    systemPrompt: createConversationSchema.shape.systemPrompt,
    params: createConversationSchema.shape.params,
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "send at least one of title, model, systemPrompt, params");
export type UpdateConversation = z.infer<typeof updateConversationSchema>;

/** One message, or several in order. */
export const appendMessagesSchema = z.union([messageInputSchema, z.object({ messages: z.array(messageInputSchema).min(1, "must hold at least one message").max(MAX_MESSAGES) })]);

export const listConversationsQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional(),
    model: z.string().trim().min(1).max(200).optional(),
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    sort: z.enum(CONVERSATION_SORTS).default("updated"),
    order: z.enum(["asc", "desc"]).default("desc"),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100").default(20),
  })
  .refine((query) => !query.from || !query.to || query.from.getTime() <= query.to.getTime(), { message: "must not be after `to`", path: ["from"] });
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

/** `ids=a,b` or `ids=a&ids=b`; absent = every conversation of the caller. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(",")).map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(64)).max(1000, "at most 1000 ids"));
export const idsQuerySchema = z.object({ ids: idList.optional() });
export const requiredIdsQuerySchema = z.object({ ids: idList.refine((ids) => ids.length > 0, "name at least one conversation") });

export const messageSchema = z.object({
  role: z.enum(MESSAGE_ROLES),
  content: z.string(),
  model: z.string().nullable(),
  meta: messageMetaSchema.nullable(),
  createdAt: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string(),
  systemPrompt: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  messageCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationWithMessagesSchema = conversationSchema.extend({ messages: z.array(messageSchema) });
export type ConversationWithMessages = z.infer<typeof conversationWithMessagesSchema>;

export const conversationListSchema = z.object({ data: z.array(conversationSchema), total: z.number().int() });

/** One conversation as exported: everything but the id is what an import needs. */
export const exportedConversationSchema = createConversationSchema.extend({
  id: z.string().max(64).optional(),
  createdAt: z.iso.datetime({ offset: true }).optional(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
  messages: z
    .array(messageInputSchema.extend({ createdAt: z.iso.datetime({ offset: true }).optional() }))
    .max(MAX_MESSAGES, `must hold at most ${MAX_MESSAGES} messages`)
    .default([]),
});
export const exportSchema = z.object({ conversations: z.array(conversationWithMessagesSchema) });
export const importSchema = z.object({ conversations: z.array(z.unknown()).max(10_000, "at most 10,000 conversations at once") });
export const importResultSchema = z.object({
  imported: z.number().int(),
  ids: z.array(z.string()),
  errors: z.array(z.object({ index: z.number().int(), message: z.string(), field: z.string().nullable() })),
});
export const deletedSchema = z.object({ deleted: z.number().int() });
