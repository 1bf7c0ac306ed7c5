// OpenAI chat request → Gemini generateContent request. Gemini names the assistant "model", keeps the
// system prompt in systemInstruction, and answers tool calls with functionResponse parts that must name
// the function (OpenAI tool messages only carry the call id, so names are looked up from earlier calls).
import { BadRequestError } from "@/lib/http/errors";
import type { ChatCompletionRequest, ChatContentPart, ChatMessage } from "@/lib/openai-format/types";
import { imageUrlOf, messageText, parseDataUrl, parseToolArguments, unsupportedPart } from "./message-content";

export type GeminiPart = Record<string, unknown>;
export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPart[];
}

function partOf(part: ChatContentPart): GeminiPart | null {
  if (part.type === "text") return part.text ? { text: part.text } : null;
  if (part.type === "image_url") {
    const inline = parseDataUrl(imageUrlOf(part));
    // Gemini's fileData only takes files uploaded to Google; fetching arbitrary URLs is not its job or ours.
    if (!inline) throw new BadRequestError("Gemini models accept images only as base64 data: URLs.", "messages");
    return { inlineData: { mimeType: inline.mediaType, data: inline.base64 } };
  }
  throw unsupportedPart("Gemini", part.type);
}

function contentParts(content: ChatMessage["content"]): GeminiPart[] {
  if (typeof content === "string") return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const parts: GeminiPart[] = [];
  for (const part of content) {
    const converted = partOf(part);
    if (converted) parts.push(converted);
  }
  return parts;
}

/** A functionResponse must be a JSON object; tool output that is not one gets wrapped. */
function toolResponse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    return { result: value };
  } catch {
    return { result: text };
  }
}

export function toGeminiContents(messages: ChatMessage[]): { systemInstruction?: { parts: GeminiPart[] }; contents: GeminiContent[] } {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    let role: GeminiContent["role"];
    let parts: GeminiPart[];
    if (message.role === "system" || message.role === "developer") {
      const text = messageText(message.content);
      if (text) system.push(text);
      continue;
    } else if (message.role === "user") {
      [role, parts] = ["user", contentParts(message.content)];
    } else if (message.role === "assistant") {
      parts = contentParts(message.content);
      for (const call of message.tool_calls ?? []) {
        toolNames.set(call.id, call.function.name);
        parts.push({ functionCall: { name: call.function.name, args: parseToolArguments(call.function.arguments) } });
      }
      role = "model";
    } else if (message.role === "tool") {
      const name = (message.tool_call_id && toolNames.get(message.tool_call_id)) || message.name;
      if (!name) throw new BadRequestError("A tool message must answer a tool call made earlier in the conversation.", "messages");
      [role, parts] = ["user", [{ functionResponse: { name, response: toolResponse(messageText(message.content)) } }]];
    } else {
      throw new BadRequestError(`Messages with role "${message.role}" are not supported for Gemini models.`, "messages");
    }
    if (parts.length === 0) continue;
    const previous = contents[contents.length - 1];
    if (previous?.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  }
  return { contents, ...(system.length > 0 ? { systemInstruction: { parts: [{ text: system.join("\n\n") }] } } : {}) };
}

function toolConfig(choice: unknown): Record<string, unknown> | undefined {
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  const name = (choice as { function?: { name?: unknown } } | null)?.function?.name;
  if (typeof name === "string") return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [name] } };
  return undefined;
}

function generationConfig(request: ChatCompletionRequest): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  if (request.stop != null) config.stopSequences = Array.isArray(request.stop) ? request.stop : [request.stop];
  if (request.n != null && request.n > 1) config.candidateCount = request.n;
  if (request.seed != null) config.seed = request.seed;
  if (typeof request.presence_penalty === "number") config.presencePenalty = request.presence_penalty;
  if (typeof request.frequency_penalty === "number") config.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format as { type?: string; json_schema?: { schema?: unknown } } | null | undefined;
  if (format?.type === "json_object" || format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    // responseJsonSchema takes plain JSON Schema, unlike responseSchema's OpenAPI subset.
    if (format.json_schema?.schema) config.responseJsonSchema = format.json_schema.schema;
  }
  return config;
}

export function toGeminiRequest(request: ChatCompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { ...toGeminiContents(request.messages) };
  if (request.tools?.length) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.function.name,
          ...(tool.function.description ? { description: tool.function.description } : {}),
          // parametersJsonSchema accepts the JSON Schema OpenAI clients send, without rewriting it.
          ...(tool.function.parameters ? { parametersJsonSchema: tool.function.parameters } : {}),
        })),
      },
    ];
    const config = toolConfig(request.tool_choice);
    if (config) body.toolConfig = config;
  }
  const config = generationConfig(request);
  if (Object.keys(config).length > 0) body.generationConfig = config;
  return body;
}
