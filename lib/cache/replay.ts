// A stored completion replayed as a live OpenAI stream: per choice a role chunk, the content in
// pieces, tool calls (id and name, then the arguments), and a finish chunk; then a usage chunk only
// if the client asked for one (stream_options.include_usage), then [DONE]. Every chunk carries the
// completion's id, created, model and system_fingerprint, like a live stream's.
import type { ChatCompletion, ChatCompletionChunk } from "../openai-format/types";

/** Content goes out in pieces of about this many characters (a live stream sends many small ones). */
const PIECE = 256;

function pieces(text: string): string[] {
  if (text.length <= PIECE) return [text];
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

/** The SSE frames (without [DONE]) that replay `completion`. */
export function replayFrames(completion: ChatCompletion, includeUsage: boolean): string[] {
  const head = { id: completion.id, object: "chat.completion.chunk" as const, created: completion.created, model: completion.model };
  const fingerprint = completion.system_fingerprint !== undefined ? { system_fingerprint: completion.system_fingerprint } : {};
  const frame = (choices: ChatCompletionChunk["choices"], extra: object = {}) => `data: ${JSON.stringify({ ...head, ...fingerprint, choices, ...extra })}\n\n`;
  const frames: string[] = [];
  for (const choice of completion.choices) {
    const { index } = choice;
    const message = choice.message;
    frames.push(frame([{ index, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]));
    if (typeof message.content === "string" && message.content !== "") {
      for (const piece of pieces(message.content)) frames.push(frame([{ index, delta: { content: piece }, logprobs: null, finish_reason: null }]));
    }
    if (typeof message.refusal === "string" && message.refusal !== "") {
      frames.push(frame([{ index, delta: { refusal: message.refusal }, logprobs: null, finish_reason: null }]));
    }
    (message.tool_calls ?? []).forEach((call, callIndex) => {
      frames.push(frame([{ index, delta: { tool_calls: [{ index: callIndex, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }, logprobs: null, finish_reason: null }]));
      if (call.function.arguments) {
        frames.push(frame([{ index, delta: { tool_calls: [{ index: callIndex, function: { arguments: call.function.arguments } }] }, logprobs: null, finish_reason: null }]));
      }
    });
    frames.push(frame([{ index, delta: {}, logprobs: null, finish_reason: choice.finish_reason }]));
  }
  if (includeUsage && completion.usage) frames.push(frame([], { usage: completion.usage }));
  return frames;
}
