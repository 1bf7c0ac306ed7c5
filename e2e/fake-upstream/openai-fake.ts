// Fake OpenAI chat completions: `Echo: <prompt>`, streamed one word a chunk, with usage and tool calls.
import { answerFor, contentText, countTokens, splitIntoChunks, toolArguments } from "./answer";
import { sendJson, sseFrame, writeStream, type StreamFrame } from "./fake-http";
import { headerOf, type FakeCall, type FakeEndpoint, type FakeProviderShape } from "./fake-endpoint";

const OPENAI_ERROR_TYPE: Record<number, string> = { 400: "invalid_request_error", 401: "invalid_request_error", 404: "invalid_request_error", 429: "requests" };

export const openAiShape: FakeProviderShape = {
  authorized: (req, _url, apiKey) => headerOf(req, "authorization") === `Bearer ${apiKey}`,
  sendAuthError: (res) =>
    sendJson(res, 401, {
      error: { message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" },
    }),
  errorBody: (status, message) => ({
    error: { message, type: OPENAI_ERROR_TYPE[status] ?? (status >= 500 ? "server_error" : "invalid_request_error"), param: null, code: status === 429 ? "rate_limit_exceeded" : null },
  }),
};

interface OpenAiRequest {
  model?: string;
  messages?: { role?: string; content?: unknown }[];
  tools?: { function?: { name?: string } }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body as OpenAiRequest).messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return contentText(messages[i].content);
  return "";
}

function promptTokens(body: OpenAiRequest): number {
  let tokens = 0;
  for (const message of body.messages ?? []) tokens += countTokens(contentText(message.content)) + 3;
  return tokens;
}

function answerChat(call: FakeCall): Promise<void> | void {
  const body = call.body as OpenAiRequest;
  const id = `chatcmpl-fake-${call.sequence}`;
  const created = Math.floor(Date.now() / 1000);
  const model = body.model ?? "gpt-fake";
  const toolName = call.directives.tool ? body.tools?.[0]?.function?.name : undefined;
  const text = answerFor(call.prompt);
  const args = toolArguments(call.prompt);
  const prompt = promptTokens(body);
  const completion = toolName ? countTokens(args.full) : countTokens(text);
  const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: 0 } };
  const finishReason = toolName ? "tool_calls" : "stop";

  if (!body.stream) {
    if (call.directives.errorIn200) return sendJson(call.res, 200, openAiShape.errorBody(500, "The fake upstream failed inside a 200 answer."));
    const toolCall = { id: `call_fake_${call.sequence}`, type: "function", function: { name: toolName, arguments: args.full } };
    const message = toolName ? { role: "assistant", content: null, tool_calls: [toolCall], refusal: null } : { role: "assistant", content: text, refusal: null };
    return sendJson(call.res, 200, {
      id, object: "chat.completion", created, model, system_fingerprint: "fp_fake",
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage,
    });
  }

  const withUsage = body.stream_options?.include_usage === true && !call.directives.noUsage;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
    sseFrame({
      id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_fake",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(withUsage ? { usage: null } : {}),
    });
  const frames: StreamFrame[] = [{ text: chunk({ role: "assistant", content: "", refusal: null }), content: false }];
  const pieces: string[] = toolName
    ? [chunk({ tool_calls: [{ index: 0, id: `call_fake_${call.sequence}`, type: "function", function: { name: toolName, arguments: "" } }] }),
       ...args.fragments.map((fragment) => chunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }))]
    : splitIntoChunks(text).map((piece) => chunk({ content: piece }));
  for (const piece of pieces) frames.push({ text: piece, content: true });
  if (call.directives.streamError) {
    frames.splice(2, frames.length, { text: sseFrame(openAiShape.errorBody(500, "The fake upstream failed mid-stream.")), content: false });
  } else {
    frames.push({ text: chunk({}, finishReason), content: false });
    if (withUsage) frames.push({ text: sseFrame({ id, object: "chat.completion.chunk", created, model, choices: [], usage }), content: false });
    frames.push({ text: sseFrame("[DONE]"), content: false });
  }
  return writeStream(call.res, frames, { chunkDelayMs: call.chunkDelayMs, truncateAfter: call.directives.truncateAfter });
}

export const openAiChat: FakeEndpoint = { shape: openAiShape, promptOf: lastUserText, answer: answerChat };

const LISTED_MODELS = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"];

/** GET /v1/models (OpenAI's and Anthropic's listings share the `data[].id` shape). */
export function sendOpenAiModels(res: Parameters<typeof sendJson>[0]): void {
  sendJson(res, 200, { object: "list", data: LISTED_MODELS.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake-upstream" })) });
}

/** GET /v1beta/models, Gemini's listing. */
export function sendGeminiModels(res: Parameters<typeof sendJson>[0]): void {
  sendJson(res, 200, { models: LISTED_MODELS.map((id) => ({ name: `models/${id}`, displayName: id })) });
}
