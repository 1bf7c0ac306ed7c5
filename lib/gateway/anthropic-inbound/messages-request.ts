// The Anthropic Messages API request as the gateway reads it (POST /v1/messages and
// /v1/messages/count_tokens): zod on the fields it acts on, loose everywhere so that fields it does
// not act on (cache_control, thinking, citations, new block types…) reach an Anthropic upstream
// untouched. Errors name the field, like the chat endpoint's.
import { z } from "zod";
import { env } from "../../env";
import { BadRequestError } from "../../http/errors";
import { assertJsonDepth } from "../json-depth";
import type { RequestLimits } from "../validate";

export type AnthropicBlockParam = Record<string, unknown> & { type: string };

export interface AnthropicMessageParam {
  role: "user" | "assistant";
  content: string | AnthropicBlockParam[];
}

export interface AnthropicToolParam {
  name: string;
  type?: string;
  description?: string;
  input_schema?: unknown;
  [extra: string]: unknown;
}

export interface AnthropicMessagesRequest {
  model: string;
  messages: AnthropicMessageParam[];
  max_tokens?: number;
  system?: string | AnthropicBlockParam[];
  stream?: boolean;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  tools?: AnthropicToolParam[];
  tool_choice?: { type: "auto" | "any" | "tool" | "none"; name?: string; disable_parallel_tool_use?: boolean };
  metadata?: { user_id?: string | null; [extra: string]: unknown };
  [extra: string]: unknown;
}

const blockSchema = z.looseObject({ type: z.string().min(1) });
const contentSchema = z.union([z.string(), z.array(blockSchema)]);

function messagesSchema(limits: RequestLimits, forCounting: boolean) {
  const maxTokens = z.number().int().positive().max(limits.maxTokens, `must be at most ${limits.maxTokens}`);
  return z.looseObject({
    model: z.string().min(1, "is required"),
    messages: z
      .array(z.looseObject({ role: z.enum(["user", "assistant"]), content: contentSchema }))
      .min(1, "must contain at least one message")
      .max(limits.maxMessages, `must contain at most ${limits.maxMessages} messages`),
    // Anthropic requires max_tokens on a message; count_tokens takes none.
    max_tokens: forCounting ? maxTokens.optional() : maxTokens,
    system: z.union([z.string(), z.array(blockSchema)]).optional(),
    stream: z.boolean().optional(),
    stop_sequences: z.array(z.string()).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().min(0).optional(),
    tools: z.array(z.looseObject({ name: z.string().min(1) })).optional(),
    tool_choice: z
      .looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().min(1).optional(), disable_parallel_tool_use: z.boolean().optional() })
      .refine((choice) => choice.type !== "tool" || choice.name !== undefined, { message: "names the tool when type is \"tool\"", path: ["name"] })
      .optional(),
    metadata: z.looseObject({ user_id: z.string().max(256).nullish() }).optional(),
  });
}

function toBadRequest(error: z.ZodError): BadRequestError {
  const issue = error.issues[0];
  const param = issue.path.map(String).join(".") || null;
  const message = issue.code === "invalid_type" && issue.input === undefined ? `${param}: Field required` : `${param ?? "body"}: ${issue.message}`;
  return new BadRequestError(message, param);
}

const schemas = new Map<string, ReturnType<typeof messagesSchema>>();

/** Validates a Messages API body (the body object itself is returned: nothing is copied or dropped). */
export function parseMessagesRequest(body: unknown, limits: RequestLimits, options: { forCounting?: boolean } = {}): AnthropicMessagesRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("The request body must be a JSON object.");
  assertJsonDepth(body, env().GATEWAY_MAX_JSON_DEPTH);
  const forCounting = options.forCounting === true;
  const key = `${limits.maxMessages}:${limits.maxTokens}:${forCounting}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = messagesSchema(limits, forCounting)));
  const result = schema.safeParse(body);
  if (!result.success) throw toBadRequest(result.error);
  return body as AnthropicMessagesRequest;
}
