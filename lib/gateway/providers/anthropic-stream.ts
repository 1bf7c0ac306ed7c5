// Anthropic stream events → OpenAI chunks, one event at a time. Content block indexes count text and
// tool blocks together; OpenAI's tool call index counts tool calls only, hence the index map.
import type { ChatCompletionChunk, FinishReason, Usage } from "@/lib/openai-format/types";
import type { SseEvent } from "@/lib/gateway/upstream/sse";
import { errorFromUpstreamPayload, type UpstreamErrorContext } from "@/lib/gateway/upstream/error-mapping";
import { NO_CHUNKS, nowSeconds, parseEventJson, type StreamTranslator } from "./chat-stream";
import { mapStopReason, mapUsage, type AnthropicUsage } from "./anthropic-response";

type Delta = ChatCompletionChunk["choices"][number]["delta"];

interface AnthropicEvent {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  content_block?: { type?: string; text?: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
}

export class AnthropicStreamTranslator implements StreamTranslator {
  finished = false;
  usage: Usage | null = null;
  private id = "";
  private model = "";
  private created = 0;
  private usageSoFar: AnthropicUsage = {};
  private readonly toolIndexByBlock = new Map<number, number>();

  constructor(
    private readonly clientWantsUsage: boolean,
    private readonly context: UpstreamErrorContext,
  ) {}

  translate(event: SseEvent): ChatCompletionChunk[] {
    // `ping` and unknown event types (Anthropic reserves the right to add them) carry nothing for us.
    if (event.event === "ping") return NO_CHUNKS;
    const data = parseEventJson(event.data) as AnthropicEvent;
    switch (event.event ?? data.type) {
      case "message_start":
        return this.start(data);
      case "content_block_start":
        return this.blockStart(data);
      case "content_block_delta":
        return this.blockDelta(data);
      case "message_delta":
        return this.messageDelta(data);
      case "message_stop":
        return this.stop();
      case "error":
        throw errorFromUpstreamPayload(data, this.context);
      default:
        return NO_CHUNKS;
    }
  }

  private chunk(delta: Delta, finishReason: FinishReason = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    };
  }

  private start(data: AnthropicEvent): ChatCompletionChunk[] {
    this.id = data.message?.id ?? "";
    this.model = data.message?.model ?? "";
    this.created = nowSeconds();
    this.usageSoFar = { ...data.message?.usage };
    this.usage = mapUsage(this.usageSoFar);
    return [this.chunk({ role: "assistant", content: "" })];
  }

  private blockStart(data: AnthropicEvent): ChatCompletionChunk[] {
    const block = data.content_block;
    if (block?.type === "text") return block.text ? [this.chunk({ content: block.text })] : NO_CHUNKS;
    if (block?.type !== "tool_use") return NO_CHUNKS; // thinking and server-tool blocks have no OpenAI form
    const index = this.toolIndexByBlock.size;
    this.toolIndexByBlock.set(data.index ?? 0, index);
    return [
      this.chunk({
        tool_calls: [{ index, id: block.id ?? "", type: "function", function: { name: block.name ?? "", arguments: "" } }],
      }),
    ];
  }

  private blockDelta(data: AnthropicEvent): ChatCompletionChunk[] {
    const delta = data.delta;
    if (delta?.type === "text_delta") return delta.text ? [this.chunk({ content: delta.text })] : NO_CHUNKS;
    if (delta?.type !== "input_json_delta" || !delta.partial_json) return NO_CHUNKS;
    const index = this.toolIndexByBlock.get(data.index ?? 0);
    if (index === undefined) return NO_CHUNKS;
    return [this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] })];
  }

  private messageDelta(data: AnthropicEvent): ChatCompletionChunk[] {
    // message_delta usage is cumulative; recent API versions repeat the input counts there too.
    for (const [key, value] of Object.entries(data.usage ?? {})) {
      if (typeof value === "number") this.usageSoFar[key as keyof AnthropicUsage] = value;
    }
    this.usage = mapUsage(this.usageSoFar);
    const reason = data.delta?.stop_reason;
    return reason ? [this.chunk({}, mapStopReason(reason))] : NO_CHUNKS;
  }

  private stop(): ChatCompletionChunk[] {
    this.finished = true;
    if (!this.clientWantsUsage || !this.usage) return NO_CHUNKS;
    return [{ id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model, choices: [], usage: this.usage }];
  }
}
