// Gemini stream events → OpenAI chunks. Every event is a whole GenerateContentResponse holding the next
// piece of each candidate; the stream has no terminal event, so a finishReason marks a complete answer.
import type { ChatCompletionChunk, Usage } from "@/lib/openai-format/types";
import type { SseEvent } from "@/lib/gateway/upstream/sse";
import { errorFromUpstreamPayload, type UpstreamErrorContext } from "@/lib/gateway/upstream/error-mapping";
import { NO_CHUNKS, nowSeconds, parseEventJson, type StreamTranslator } from "./chat-stream";
import { generatedId, mapFinishReason, mapGeminiUsage, readParts, type GeminiCandidate, type GeminiResponse } from "./gemini-response";

type Delta = ChatCompletionChunk["choices"][number]["delta"];

interface CandidateState {
  roleSent: boolean;
  toolCalls: number;
}

export class GeminiStreamTranslator implements StreamTranslator {
  finished = false;
  usage: Usage | null = null;
  private id = "";
  private model = "";
  private created = 0;
  private readonly candidates = new Map<number, CandidateState>();

  constructor(
    private readonly fallbackModel: string,
    private readonly clientWantsUsage: boolean,
    private readonly context: UpstreamErrorContext,
  ) {}

  translate(event: SseEvent): ChatCompletionChunk[] {
    const payload = parseEventJson(event.data);
    if (payload.error != null) throw errorFromUpstreamPayload(payload, this.context);
    const response = payload as GeminiResponse;
    if (!this.id) {
      this.id = response.responseId ?? generatedId("chatcmpl-");
      this.model = response.modelVersion ?? this.fallbackModel;
      this.created = nowSeconds();
    }
    if (response.usageMetadata) this.usage = mapGeminiUsage(response.usageMetadata);
    const candidates = response.candidates ?? [];
    if (candidates.length === 0) {
      if (!response.promptFeedback?.blockReason) return NO_CHUNKS;
      // The prompt was blocked: there will be no candidate, this is the whole answer.
      this.finished = true;
      return [this.chunk(0, { role: "assistant", content: null }, "content_filter")];
    }
    const chunks: ChatCompletionChunk[] = [];
    candidates.forEach((candidate, position) => {
      const chunk = this.candidateChunk(candidate, candidate.index ?? position);
      if (chunk) chunks.push(chunk);
    });
    return chunks;
  }

  end(): ChatCompletionChunk[] {
    if (!this.clientWantsUsage || !this.usage) return NO_CHUNKS;
    return [{ id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [], usage: this.usage }];
  }

  private candidateChunk(candidate: GeminiCandidate, index: number): ChatCompletionChunk | null {
    let state = this.candidates.get(index);
    if (!state) this.candidates.set(index, (state = { roleSent: false, toolCalls: 0 }));
    const { text, toolCalls } = readParts(candidate.content?.parts);
    const delta: Delta = {};
    if (!state.roleSent) {
      delta.role = "assistant";
      state.roleSent = true;
    }
    if (text) delta.content = text;
    if (toolCalls.length > 0) {
      // Gemini sends each function call whole, so id, name and arguments go out in one delta.
      delta.tool_calls = toolCalls.map((call) => ({ index: state.toolCalls++, ...call }));
    }
    const finishReason = mapFinishReason(candidate.finishReason, state.toolCalls > 0);
    if (finishReason) this.finished = true;
    if (Object.keys(delta).length === 0 && !finishReason) return null;
    return this.chunk(index, delta, finishReason);
  }

  private chunk(index: number, delta: Delta, finishReason: ChatCompletionChunk["choices"][number]["finish_reason"]): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      choices: [{ index, delta, finish_reason: finishReason }],
    };
  }
}
