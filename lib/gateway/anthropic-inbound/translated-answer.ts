// A Messages call served by an OpenAI, Gemini or OpenAI-compatible upstream: the canonical request
// goes through that provider's adapter (providers/*), and its answer is translated back to
// Anthropic's format: a JSON message, or the event stream chunk by chunk (chunks-to-events.ts).
import type { AbortSignalLike } from "../../abort/abort-flag";
import { CompletionAssembler } from "../../cache/completion-assembler";
import { CompletionText } from "../completion-text";
import { adapterFor } from "../providers";
import type { ChatCompletion, ChatCompletionRequest, Usage } from "../../openai-format/types";
import type { ChatStream, UpstreamTarget } from "../types";
import type { StreamChunk } from "../../openai-format/unparsed-chunk";
import type { JsonAnswer, StreamAnswer } from "./answer";
import { ChunksToEvents, type FrameBatch } from "./chunks-to-events";
import { toAnthropicMessage, type AnthropicUsageOut } from "./to-anthropic-message";

/**
 * The canonical request as one provider kind takes it. OpenAI itself wants max_completion_tokens
 * (its reasoning models refuse max_tokens); compatible servers and the other adapters read max_tokens.
 */
export function requestForTarget(request: ChatCompletionRequest, target: UpstreamTarget): ChatCompletionRequest {
  if (target.kind !== "openai" || request.max_tokens == null) return request;
  const { max_tokens: maxTokens, ...rest } = request;
  return { ...rest, max_completion_tokens: maxTokens };
}

function completionText(completion: ChatCompletion): string {
  const message = completion.choices[0]?.message;
  let text = typeof message?.content === "string" ? message.content : "";
  for (const call of message?.tool_calls ?? []) text += call.function.arguments;
  return text;
}

export async function translatedJson(options: { request: ChatCompletionRequest; target: UpstreamTarget; messageId: string; signal: AbortSignalLike }): Promise<JsonAnswer> {
  const { target } = options;
  const completion = await adapterFor(target.kind).chat(requestForTarget({ ...options.request, stream: false }, target), target, options.signal);
  const usage = completion.usage ?? null;
  return {
    stream: false,
    json: JSON.stringify(toAnthropicMessage(completion, options.messageId)),
    usage,
    completionText: usage ? "" : completionText(completion),
    canonical: () => completion,
  };
}

class TranslatedStream implements StreamAnswer {
  readonly stream = true;
  private readonly batches: AsyncIterator<StreamChunk[]>;
  private readonly text = new CompletionText();
  private readonly assembler: CompletionAssembler | null;
  private finished = false;

  constructor(
    private readonly upstream: ChatStream,
    private readonly events: ChunksToEvents,
    assemble: boolean,
  ) {
    this.batches = upstream.batches[Symbol.asyncIterator]();
    this.assembler = assemble ? new CompletionAssembler() : null;
  }

  async next(): Promise<FrameBatch | null> {
    for (;;) {
      const read = await this.batches.next();
      if (read.done) {
        this.finished = true;
        return null;
      }
      for (const chunk of read.value) {
        this.text.add(chunk);
        this.assembler?.add(chunk);
      }
      const batch = this.events.translate(read.value);
      if (batch.text) return batch;
    }
  }

  usage(): Usage | null {
    return this.upstream.usage?.() ?? null;
  }

  completionText(): string {
    return this.text.text();
  }

  canonical(): ChatCompletion | null {
    return this.finished && this.assembler ? this.assembler.completion(this.usage()) : null;
  }

  end(usage: AnthropicUsageOut): string {
    return this.events.end(usage);
  }

  cancel(): void {
    void this.batches.return?.(undefined).catch(() => {});
  }
}

export async function translatedStream(options: {
  request: ChatCompletionRequest;
  target: UpstreamTarget;
  messageId: string;
  /** what message_start says before the upstream reports usage */
  startUsage: AnthropicUsageOut;
  /** assemble the answer for the response cache */
  assemble: boolean;
  signal: AbortSignalLike;
}): Promise<StreamAnswer> {
  const { target } = options;
  const upstream = await adapterFor(target.kind).chatStream(requestForTarget({ ...options.request, stream: true }, target), target, options.signal);
  return new TranslatedStream(upstream, new ChunksToEvents(options.messageId, options.startUsage), options.assemble);
}
