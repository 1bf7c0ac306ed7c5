// Anthropic's server-sent events: `event: <type>` then `data: <json with the same type>`. The
// official SDK skips events without an `event:` line, so every frame carries one.
import type { AnthropicMessageOut, AnthropicUsageOut } from "./to-anthropic-message";

export function sseEvent(type: string, data: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

export const PING_EVENT = sseEvent("ping");
export const MESSAGE_STOP_EVENT = sseEvent("message_stop");

/** The message as message_start announces it: no content yet, no stop reason. */
export function messageStartEvent(head: { id: string; model: string }, usage: AnthropicUsageOut): string {
  return sseEvent("message_start", {
    message: { id: head.id, type: "message", role: "assistant", model: head.model, content: [], stop_reason: null, stop_sequence: null, usage },
  });
}

/** The closing pair: the stop reason with the whole message's usage (cumulative, as Anthropic's API sends it), then message_stop. */
export function messageEndEvents(stopReason: string | null, usage: AnthropicUsageOut): string {
  return sseEvent("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage }) + MESSAGE_STOP_EVENT;
}

/** Text goes out in pieces of about this many characters, as a live stream sends many small ones. */
const PIECE = 256;

function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE);
    // Never split a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** A complete message replayed as a live stream (a response-cache hit of a streamed request). */
export function replayMessageEvents(message: AnthropicMessageOut): string {
  let text = messageStartEvent(message, { ...message.usage, output_tokens: 0 });
  message.content.forEach((block, index) => {
    if (block.type === "text") {
      text += sseEvent("content_block_start", { index, content_block: { type: "text", text: "" } });
      if (index === 0) text += PING_EVENT;
      for (const piece of pieces(block.text)) text += sseEvent("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
    } else {
      text += sseEvent("content_block_start", { index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      if (index === 0) text += PING_EVENT;
      text += sseEvent("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
    }
    text += sseEvent("content_block_stop", { index });
  });
  return text + messageEndEvents(message.stop_reason, message.usage);
}
