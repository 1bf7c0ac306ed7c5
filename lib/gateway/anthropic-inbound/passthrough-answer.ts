// An Anthropic upstream's answer, passed on as it came. JSON: the upstream's own bytes. A stream: its
// events re-framed one to one, read only where the gateway needs something (message_start and
// message_delta for usage, message_stop for a clean end, error); content deltas go out unread.
// When the response cache will store the answer, the events are also translated to the canonical
// form and assembled (providers/anthropic-stream.ts, lib/cache/completion-assembler.ts).
import { CompletionAssembler } from "../../cache/completion-assembler";
import { fromAnthropicResponse, mapUsage, type AnthropicMessageResponse, type AnthropicUsage } from "../providers/anthropic-response";
import { AnthropicStreamTranslator } from "../providers/anthropic-stream";
import { rawJsonOf } from "../raw-json";
import type { Usage } from "../../openai-format/types";
import { badResponseError } from "../../http/errors";
import { errorFromUpstreamPayload, streamTruncatedError, type UpstreamErrorContext } from "../upstream/error-mapping";
import type { SseEvent } from "../upstream/sse";
import { ForwardedStreamError, type JsonAnswer, type StreamAnswer } from "./answer";
import type { FrameBatch } from "./chunks-to-events";

/** Block types the canonical form holds; an answer with any other (thinking, server tools…) is not cached. */
const CANONICAL_BLOCKS = new Set(["text", "tool_use"]);

function textOfBlocks(content: { type?: string; text?: unknown; input?: unknown }[]): string {
  let text = "";
  for (const block of content) {
    if (typeof block.text === "string") text += block.text;
    else if (block.type === "tool_use") text += JSON.stringify(block.input ?? {});
  }
  return text;
}

export function passthroughJson(payload: unknown): JsonAnswer {
  const message = payload as AnthropicMessageResponse & { usage?: AnthropicUsage };
  if (!Array.isArray(message?.content)) throw badResponseError("the message has no content.");
  const usage = message.usage ? mapUsage(message.usage) : null;
  return {
    stream: false,
    json: rawJsonOf(message) ?? JSON.stringify(message),
    usage,
    completionText: usage ? "" : textOfBlocks(message.content),
    canonical: () => (message.content.every((block) => CANONICAL_BLOCKS.has(block.type)) ? fromAnthropicResponse(message) : null),
  };
}

function parseData(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    if (value !== null && typeof value === "object") return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw badResponseError("a stream event is not a JSON object.");
}

function frame(type: string, data: string): string {
  // An event's data spanning lines goes out as several data lines, as SSE requires.
  return data.includes("\n") ? `event: ${type}\ndata: ${data.split("\n").join("\ndata: ")}\n\n` : `event: ${type}\ndata: ${data}\n\n`;
}

export class PassthroughStream implements StreamAnswer {
  readonly stream = true;
  private readonly usageSoFar: AnthropicUsage = {};
  private sawDelta = false;
  private finished = false;
  private yielded = false;
  private failure: unknown = null;
  /** content_block_delta data, unread: parsed only to estimate tokens when no usage came */
  private readonly deltas: string[] = [];
  private assembler: { translator: AnthropicStreamTranslator; completion: CompletionAssembler } | null;

  constructor(
    private readonly events: AsyncGenerator<SseEvent[]>,
    private readonly context: UpstreamErrorContext,
    assemble: boolean,
  ) {
    this.assembler = assemble ? { translator: new AnthropicStreamTranslator(false, context), completion: new CompletionAssembler() } : null;
  }

  async next(): Promise<FrameBatch | null> {
    if (this.failure) throw new ForwardedStreamError(this.failure);
    for (;;) {
      const read = await this.events.next();
      if (read.done) {
        if (!this.finished) throw streamTruncatedError(!this.yielded);
        return null;
      }
      const batch = this.read(read.value);
      if (batch.text) {
        this.yielded = true;
        return batch;
      }
    }
  }

  private read(events: SseEvent[]): FrameBatch {
    let text = "";
    let content = false;
    for (const event of events) {
      const type = event.event ?? String(parseData(event.data).type ?? "");
      text += frame(type, event.data);
      if (type === "content_block_delta") {
        content = true;
        this.deltas.push(event.data);
      } else if (type === "message_start") {
        Object.assign(this.usageSoFar, (parseData(event.data).message as { usage?: AnthropicUsage } | undefined)?.usage);
      } else if (type === "message_delta") {
        this.sawDelta = true;
        // message_delta usage is cumulative; recent API versions repeat the input counts there too.
        for (const [key, value] of Object.entries((parseData(event.data).usage as AnthropicUsage | undefined) ?? {})) {
          if (typeof value === "number") this.usageSoFar[key as keyof AnthropicUsage] = value;
        }
      } else if (type === "message_stop") {
        this.finished = true;
      } else if (type === "error") {
        this.failure = errorFromUpstreamPayload(parseData(event.data), this.context);
        this.assembler = null;
        break;
      } else if (type === "content_block_start") {
        const block = parseData(event.data).content_block as { type?: string } | undefined;
        if (!CANONICAL_BLOCKS.has(block?.type ?? "")) this.assembler = null;
      }
      this.assemble(event, type);
    }
    return { text, content };
  }

  private assemble(event: SseEvent, type: string): void {
    if (!this.assembler || type === "ping") return;
    for (const chunk of this.assembler.translator.translate({ ...event, event: type })) this.assembler.completion.add(chunk);
  }

  usage(): Usage | null {
    return this.sawDelta ? mapUsage(this.usageSoFar) : null;
  }

  completionText(): string {
    let text = "";
    for (const data of this.deltas) {
      try {
        const delta = (JSON.parse(data) as { delta?: { text?: unknown; partial_json?: unknown; thinking?: unknown } }).delta;
        const piece = delta?.text ?? delta?.partial_json ?? delta?.thinking;
        if (typeof piece === "string") text += piece;
      } catch {
        text += data; // it still cost tokens
      }
    }
    return text;
  }

  canonical() {
    if (!this.assembler || !this.finished) return null;
    return this.assembler.completion.completion(this.usage());
  }

  end(): string {
    return ""; // the upstream's own message_delta and message_stop already went out
  }

  cancel(): void {
    void this.events.return(undefined).catch(() => {});
  }
}
