// Gemini generateContent answer → OpenAI chat completion; the finish-reason, usage and part rules are
// shared with the stream translator.
import { randomBytes } from "node:crypto";
import type { ChatCompletion, FinishReason, ToolCall, Usage } from "@/lib/openai-format/types";
import { nowSeconds } from "./chat-stream";

export interface GeminiResponsePart {
  text?: string;
  thought?: boolean;
  functionCall?: { name?: string; args?: unknown; id?: string };
}

export interface GeminiCandidate {
  index?: number;
  content?: { role?: string; parts?: GeminiResponsePart[] };
  finishReason?: string;
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  cachedContentTokenCount?: number;
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  usageMetadata?: GeminiUsageMetadata;
  promptFeedback?: { blockReason?: string };
  modelVersion?: string;
  responseId?: string;
}

const FILTERED = new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"]);

export function mapFinishReason(reason: string | undefined, calledTools: boolean): FinishReason {
  if (!reason) return null;
  if (reason === "MAX_TOKENS") return "length";
  if (FILTERED.has(reason)) return "content_filter";
  // Gemini says STOP after a function call; OpenAI clients look for tool_calls to run the tools.
  return calledTools ? "tool_calls" : "stop";
}

/** Thinking tokens are billed as output, so they count as completion tokens. */
export function mapGeminiUsage(meta: GeminiUsageMetadata): Usage {
  const prompt = (meta.promptTokenCount ?? 0) + (meta.toolUsePromptTokenCount ?? 0);
  const completion = (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: meta.cachedContentTokenCount ?? 0 },
  };
}

export function generatedId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString("hex")}`;
}

/** Text (thought summaries left out) and function calls of one candidate's parts. */
export function readParts(parts: GeminiResponsePart[] | undefined): { text: string | null; toolCalls: ToolCall[] } {
  let text: string | null = null;
  const toolCalls: ToolCall[] = [];
  for (const part of parts ?? []) {
    if (typeof part.text === "string" && !part.thought) text = (text ?? "") + part.text;
    else if (part.functionCall) {
      toolCalls.push({
        id: part.functionCall.id ?? generatedId("call_"),
        type: "function",
        function: { name: part.functionCall.name ?? "", arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    }
  }
  return { text, toolCalls };
}

export function fromGeminiResponse(response: GeminiResponse, fallbackModel: string): ChatCompletion {
  const candidates = response.candidates ?? [];
  const choices: ChatCompletion["choices"] = candidates.map((candidate, position) => {
    const { text, toolCalls } = readParts(candidate.content?.parts);
    const message: ChatCompletion["choices"][number]["message"] = { role: "assistant", content: text };
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    return {
      index: candidate.index ?? position,
      message,
      finish_reason: mapFinishReason(candidate.finishReason, toolCalls.length > 0) ?? "stop",
      logprobs: null,
    };
  });
  // A prompt blocked by safety settings comes back with no candidates at all.
  if (choices.length === 0) {
    choices.push({ index: 0, message: { role: "assistant", content: null }, finish_reason: "content_filter", logprobs: null });
  }
  return {
    id: response.responseId ?? generatedId("chatcmpl-"),
    object: "chat.completion",
    created: nowSeconds(),
    model: response.modelVersion ?? fallbackModel,
    choices,
    usage: mapGeminiUsage(response.usageMetadata ?? {}),
  };
}
