// The developer surface's paths: Anthropic's Messages API (POST /api/v1/messages,
// /api/v1/messages/count_tokens, errors in Anthropic's shape), the self-service GET /api/v1/me and
// POST /api/v1/tokens/count with a virtual key, and the playground's live count.
import { z } from "zod";
import { meSchema, tokenCountRequestSchema, tokenCountSchema } from "../self-service/schemas";
import type { ComponentName } from "./components";
import { errorResponse, json as componentJson, keyOperation } from "./operation";

const block = z.looseObject({ type: z.string().describe("text | image | document | tool_use | tool_result | thinking | …") });

const anthropicMessagesRequest = z.looseObject({
  model: z.string().describe("A public model name from GET /api/v1/models (any provider: Anthropic's are passed through, others translated)."),
  messages: z.array(z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(block)]) })).min(1),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(block)]).optional(),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  tools: z.array(z.looseObject({ name: z.string() })).optional(),
  tool_choice: z.looseObject({ type: z.enum(["auto", "any", "tool", "none"]), name: z.string().optional() }).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
});

const usage = z.looseObject({
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cache_creation_input_tokens: z.number().int().nullish(),
  cache_read_input_tokens: z.number().int().nullish(),
});

const anthropicMessage = z.looseObject({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string(),
  content: z.array(block),
  stop_reason: z.string().nullable().describe("end_turn | max_tokens | stop_sequence | tool_use | refusal | …"),
  stop_sequence: z.string().nullable(),
  usage,
});

const anthropicError = z.object({
  type: z.literal("error"),
  error: z.object({
    type: z.string().describe("invalid_request_error | authentication_error | permission_error | not_found_error | request_too_large | rate_limit_error | api_error | overloaded_error | timeout_error"),
    message: z.string(),
  }),
  request_id: z.string(),
});

export function developerComponents(): Record<string, z.ZodType> {
  return {
    AnthropicMessagesRequest: anthropicMessagesRequest,
    AnthropicCountTokensRequest: anthropicMessagesRequest.omit({ max_tokens: true, stream: true }),
    AnthropicMessage: anthropicMessage,
    AnthropicTokenCount: z.object({ input_tokens: z.number().int() }),
    AnthropicError: anthropicError,
    TokenCountRequest: tokenCountRequestSchema,
    TokenCount: tokenCountSchema,
    Me: meSchema,
  };
}

type DeveloperComponent = keyof ReturnType<typeof developerComponents>;
/** This surface's components are registered by document.ts next to the shared ones. */
const component = (name: DeveloperComponent | ComponentName) => name as ComponentName;
const json = (name: DeveloperComponent | ComponentName) => componentJson(component(name));
const anthropicErrorResponse = (description: string) => errorResponse(description, component("AnthropicError"));

const anthropicErrors = {
  400: anthropicErrorResponse("Invalid request (the message names the field), or a field only Anthropic takes sent to another provider"),
  401: anthropicErrorResponse("Missing, unknown, revoked or expired virtual key"),
  403: anthropicErrorResponse("The key may not use this model"),
  404: anthropicErrorResponse("Unknown model"),
  413: anthropicErrorResponse("Request body over GATEWAY_MAX_BODY_BYTES"),
  429: anthropicErrorResponse("A quota or rate limit, or the upstream's rate limit (retry-after)"),
  502: anthropicErrorResponse("The upstream provider failed"),
  503: anthropicErrorResponse("No deployment can take the call now, or the shared store is down (overloaded_error)"),
  504: anthropicErrorResponse("The upstream provider timed out (timeout_error)"),
};

const anthropicHeaders = [
  { name: "x-api-key", in: "header", required: false, schema: { type: "string" }, description: "The virtual key (or send it as Authorization: Bearer)." },
  { name: "anthropic-version", in: "header", required: false, schema: { type: "string" }, description: "Passed to Anthropic upstreams (default 2023-06-01)." },
  { name: "anthropic-beta", in: "header", required: false, schema: { type: "string" }, description: "Passed to Anthropic upstreams." },
];

const proxyError = (description: string) => errorResponse(description);

export function developerPaths() {
  return {
    "/api/v1/messages": {
      post: keyOperation({
        summary: "Create a message (Anthropic's Messages API; streams Anthropic's events when `stream` is true)",
        description: "To an Anthropic upstream the body and the event stream pass through (the model name replaced); to other providers they are translated. docs/anthropic-api.md",
        parameters: anthropicHeaders,
        body: component("AnthropicMessagesRequest"),
        responses: {
          200: {
            description: "A message, or with `stream: true` a `text/event-stream` of message_start, content_block_start/delta/stop, message_delta and message_stop events",
            headers: {
              "x-request-id": { description: "The gateway's request id (also request-id)", schema: { type: "string" } },
              "x-tollgate-model": { description: "The model the call was for", schema: { type: "string" } },
              "x-tollgate-cache": { description: "hit | semantic-hit | miss | shadow | bypass", schema: { type: "string" } },
            },
            content: { ...json("AnthropicMessage"), "text/event-stream": { schema: { type: "string" } } },
          },
          ...anthropicErrors,
        },
      }),
    },
    "/api/v1/messages/count_tokens": {
      post: keyOperation({
        summary: "Count a message's input tokens (Anthropic's count_tokens)",
        description: "The Anthropic upstream's own count for its models (`x-tollgate-token-count: upstream`), the gateway's quota count otherwise (`gateway`). Not a model call: no quota, no usage record.",
        parameters: anthropicHeaders,
        body: component("AnthropicCountTokensRequest"),
        responses: { 200: { description: "The count", content: json("AnthropicTokenCount") }, ...anthropicErrors },
      }),
    },
    "/api/v1/tokens/count": {
      post: keyOperation({
        summary: "Count a prompt's tokens as the gateway counts them for quotas, whether it fits the context window, and the call's worst-case cost",
        body: component("TokenCountRequest"),
        responses: {
          200: { description: "The count", content: json("TokenCount") },
          400: proxyError("Invalid request (the param names the field)"),
          401: proxyError("Missing, unknown, revoked or expired virtual key"),
          403: proxyError("The key may not use this model"),
          404: proxyError("Unknown model"),
        },
      }),
    },
    "/api/v1/me": {
      get: keyOperation({
        summary: "The calling key: its models, the quotas and rate limits that apply with used, remaining and resets, and this month's spend",
        responses: { 200: { description: "The key's budget", content: json("Me") }, 401: proxyError("Missing, unknown, revoked or expired virtual key") },
      }),
    },
    "/api/playground/tokens": {
      post: keyOperation({
        summary: "The playground's live count: the next call's prompt counted as POST /api/v1/tokens/count counts it, for the signed-in user",
        description: "Console session only, from the console's own pages (Origin or Sec-Fetch-Site same-origin, JSON body).",
        tag: "Playground",
        auth: "session",
        body: component("TokenCountRequest"),
        responses: {
          200: { description: "The count", content: json("TokenCount") },
          400: proxyError("Invalid request"),
          401: proxyError("Not signed in, or the account is disabled"),
          403: proxyError("Not from the console's own origin, or the user may not use this model"),
          404: proxyError("Unknown model"),
        },
      }),
    },
  };
}
