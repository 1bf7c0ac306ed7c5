// An OpenAI chunk stream (any non-Anthropic upstream, through its adapter) → Anthropic's event
// stream, in Anthropic's order: message_start, ping, then per content block content_block_start,
// its deltas (text_delta, or input_json_delta for a tool call) and content_block_stop, and at the
// end message_delta (stop reason and the whole call's usage) and message_stop. The inverse of
// providers/anthropic-stream.ts. A block is closed when the next one starts: Anthropic never
// interleaves blocks, and OpenAI-format upstreams stream tool calls one after another.
import { parsedChunk, type StreamChunk } from "../../openai-format/unparsed-chunk";
import { messageEndEvents, messageStartEvent, PING_EVENT, sseEvent } from "./anthropic-events";
import { toAnthropicStopReason, type AnthropicUsageOut } from "./to-anthropic-message";

type OpenBlock = { index: number; kind: "text" } | { index: number; kind: "tool"; toolIndex: number };

export interface FrameBatch {
  text: string;
  /** the batch carries generated content (for time to first token) */
  content: boolean;
}

export class ChunksToEvents {
  private started = false;
  private model = "";
  private nextIndex = 0;
  private open: OpenBlock | null = null;
  /** OpenAI tool call index → Anthropic content block index */
  private readonly toolBlocks = new Map<number, number>();
  private stopReason: string | null = null;

  /** `startUsage`: what message_start says (the prompt's count when the gateway already made one). */
  constructor(
    private readonly id: string,
    private readonly startUsage: AnthropicUsageOut,
  ) {}

  translate(batch: readonly StreamChunk[]): FrameBatch {
    let text = "";
    let content = false;
    for (const item of batch) {
      const chunk = parsedChunk(item);
      if (!this.started) text += this.start(chunk.model);
      const choice = chunk.choices?.find((c) => c.index === 0);
      if (!choice) continue;
      const { delta } = choice;
      if (typeof delta?.content === "string" && delta.content !== "") {
        text += this.textDelta(delta.content);
        content = true;
      }
      if (typeof delta?.refusal === "string" && delta.refusal !== "") {
        text += this.textDelta(delta.refusal);
        content = true;
      }
      for (const call of delta?.tool_calls ?? []) {
        text += this.toolDelta(call);
        content = true;
      }
      if (choice.finish_reason) this.stopReason = toAnthropicStopReason(choice.finish_reason);
    }
    return { text, content };
  }

  /** The closing events, once the call's usage is settled. */
  end(usage: AnthropicUsageOut): string {
    let text = this.started ? "" : this.start(this.model);
    text += this.close();
    return text + messageEndEvents(this.stopReason ?? "end_turn", usage);
  }

  private start(model: string): string {
    this.started = true;
    this.model = model;
    return messageStartEvent({ id: this.id, model }, this.startUsage) + PING_EVENT;
  }

  private close(): string {
    if (!this.open) return "";
    const { index } = this.open;
    this.open = null;
    return sseEvent("content_block_stop", { index });
  }

  private textDelta(text: string): string {
    let out = "";
    if (this.open?.kind !== "text") {
      out += this.close();
      this.open = { index: this.nextIndex++, kind: "text" };
      out += sseEvent("content_block_start", { index: this.open.index, content_block: { type: "text", text: "" } });
    }
    return out + sseEvent("content_block_delta", { index: this.open.index, delta: { type: "text_delta", text } });
  }

  private toolDelta(call: { index: number; id?: string; function?: { name?: string; arguments?: string } }): string {
    let out = "";
    let blockIndex = this.toolBlocks.get(call.index);
    if (blockIndex === undefined) {
      out += this.close();
      blockIndex = this.nextIndex++;
      this.toolBlocks.set(call.index, blockIndex);
      this.open = { index: blockIndex, kind: "tool", toolIndex: call.index };
      out += sseEvent("content_block_start", {
        index: blockIndex,
        content_block: { type: "tool_use", id: call.id ?? "", name: call.function?.name ?? "", input: {} },
      });
    }
    const args = call.function?.arguments;
    if (args) out += sseEvent("content_block_delta", { index: blockIndex, delta: { type: "input_json_delta", partial_json: args } });
    return out;
  }
}
