// zod on the fields the gateway acts on; every other field passes through untouched (loose objects).
import { z } from "zod";
import { env } from "../env";
import { BadRequestError } from "../http/errors";
import { isWellFormedChatRequest } from "./chat-request-shape";
import { assertJsonDepth } from "./json-depth";
import type { ChatCompletionRequest, EmbeddingsRequest } from "../openai-format/types";

export interface RequestLimits {
  maxMessages: number;
  maxTokens: number;
}

const contentSchema = z.union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()]);

const messageSchema = z.looseObject({
  role: z.string().min(1),
  content: contentSchema.optional(),
});

/** The schema a chat request must pass (exported for chat-request-shape's test). */
export function chatSchema(limits: RequestLimits) {
  const tokenLimit = z.number().int().positive().max(limits.maxTokens, `must be at most ${limits.maxTokens}`);
  return z.looseObject({
    model: z.string().min(1, "is required"),
    messages: z.array(messageSchema).min(1, "must contain at least one message").max(limits.maxMessages, `must contain at most ${limits.maxMessages} messages`),
    stream: z.boolean().nullish(),
    max_tokens: tokenLimit.nullish(),
    max_completion_tokens: tokenLimit.nullish(),
    n: z.number().int().min(1).max(128).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    tools: z.array(z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string().min(1) }) })).optional(),
  });
}

const embeddingsSchema = z.looseObject({
  model: z.string().min(1, "is required"),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1, "must not be empty"),
    z.array(z.number().int()).min(1, "must not be empty"),
    z.array(z.array(z.number().int())).min(1, "must not be empty"),
  ]),
});

function toBadRequest(error: z.ZodError): BadRequestError {
  const issue = error.issues[0];
  const param = issue.path.map(String).join(".") || null;
  const what = param ? `\`${param}\`` : "The request body";
  const message =
    issue.code === "invalid_type" && issue.input === undefined ? `${what} is required.` : `${what}: ${issue.message}.`;
  return new BadRequestError(message, param);
}

const schemaCache = new Map<string, ReturnType<typeof chatSchema>>();

export function parseChatRequest(body: unknown, limits: RequestLimits): ChatCompletionRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError("Request body must be a JSON object.");
  }
  assertJsonDepth(body, env().GATEWAY_MAX_JSON_DEPTH);
  // The common, well-formed request skips zod; anything else gets zod's verdict and message.
  if (isWellFormedChatRequest(body as Record<string, unknown>, limits)) return body as ChatCompletionRequest;
  const cacheKey = `${limits.maxMessages}:${limits.maxTokens}`;
  let schema = schemaCache.get(cacheKey);
  if (!schema) schemaCache.set(cacheKey, (schema = chatSchema(limits)));
  const result = schema.safeParse(body);
  if (!result.success) throw toBadRequest(result.error);
  return body as ChatCompletionRequest;
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError("Request body must be a JSON object.");
  }
  assertJsonDepth(body, env().GATEWAY_MAX_JSON_DEPTH);
  const result = embeddingsSchema.safeParse(body);
  if (!result.success) throw toBadRequest(result.error);
  return body as EmbeddingsRequest;
}
