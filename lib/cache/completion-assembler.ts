// Builds the chat completion a stream amounted to, so a streamed answer can be stored like a JSON
// one: content and refusals appended per choice, tool calls merged by index (id, name, arguments
// in pieces), log probabilities gathered, finish reasons and usage taken as they come. Fed only
// when the cache will store the answer; chunks that passed through unparsed are parsed here, and
// only then.
import type { ChatCompletion, ChatCompletionChunk, FinishReason, ToolCall, Usage } from "../openai-format/types";
import { UnparsedChunk, type StreamChunk } from "../openai-format/unparsed-chunk";
import { appendChoiceLogprobs, type ChoiceLogprobs } from "./choice-logprobs";

interface ChoiceParts {
  content: string[];
  refusal: string[] | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  logprobs: ChoiceLogprobs | null;
}

export class CompletionAssembler {
  private id = "";
  private created = 0;
  private model = "";
  private systemFingerprint: unknown = undefined;
  private readonly choices = new Map<number, ChoiceParts>();
  private usage: Usage | null = null;
  private broken = false;

  add(chunk: StreamChunk): void {
    let parsed: ChatCompletionChunk;
    try {
      parsed = chunk instanceof UnparsedChunk ? chunk.parse() : chunk;
    } catch {
      this.broken = true;
      return;
    }
    this.id ||= parsed.id ?? "";
    this.created ||= parsed.created ?? 0;
    this.model ||= parsed.model ?? "";
    if (parsed.system_fingerprint !== undefined) this.systemFingerprint = parsed.system_fingerprint;
    if (parsed.usage) this.usage = parsed.usage;
    if (!Array.isArray(parsed.choices)) return;
    for (const choice of parsed.choices) {
      let parts = this.choices.get(choice.index);
      if (!parts) {
        parts = { content: [], refusal: null, toolCalls: [], finishReason: null, logprobs: null };
        this.choices.set(choice.index, parts);
      }
      const delta = choice.delta ?? {};
      if (typeof delta.content === "string" && delta.content !== "") parts.content.push(delta.content);
      if (typeof delta.refusal === "string") (parts.refusal ??= []).push(delta.refusal);
      for (const call of delta.tool_calls ?? []) {
        const merged = (parts.toolCalls[call.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
        if (call.id) merged.id = call.id;
        if (call.function?.name) merged.function.name += call.function.name;
        if (call.function?.arguments) merged.function.arguments += call.function.arguments;
      }
      if (choice.finish_reason) parts.finishReason = choice.finish_reason;
      parts.logprobs = appendChoiceLogprobs(parts.logprobs, choice.logprobs);
    }
  }

  /** The completion, or null when a chunk could not be read (such an answer is not stored). */
  completion(usage: Usage | null): ChatCompletion | null {
    if (this.broken || this.choices.size === 0) return null;
    const choices = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, parts]) => {
        const toolCalls = parts.toolCalls.filter(Boolean);
        const message: ChatCompletion["choices"][number]["message"] = {
          role: "assistant",
          content: parts.content.length > 0 || toolCalls.length === 0 ? parts.content.join("") : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          refusal: parts.refusal ? parts.refusal.join("") : null,
        };
        return { index, message, logprobs: parts.logprobs, finish_reason: parts.finishReason };
      });
    const completion: ChatCompletion = { id: this.id, object: "chat.completion", created: this.created, model: this.model, choices };
    if (this.systemFingerprint !== undefined) completion.system_fingerprint = this.systemFingerprint;
    const finalUsage = usage ?? this.usage;
    if (finalUsage) completion.usage = finalUsage;
    return completion;
  }
}
