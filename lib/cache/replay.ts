// A stored completion replayed as a live OpenAI stream: per choice a role chunk, the content in
// pieces, tool calls (id and name, then the arguments), and a finish chunk; then a usage chunk only
// if the client asked for one (stream_options.include_usage), then [DONE]. Every chunk carries the
// completion's id, created, model and system_fingerprint, like a live stream's. A choice stored with
// log probabilities gets them back split over its content (and refusal) chunks, each chunk carrying
// the tokens of its own text, as a live stream asked for them does; every other chunk says
// `logprobs: null`, as OpenAI's do.
import type { ChatCompletion, ChatCompletionChunk } from "../openai-format/types";
import { readChoiceLogprobs, type TokenLogprob } from "./choice-logprobs";

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

interface Piece {
  text: string;
  tokens: TokenLogprob[] | null;
}

/**
 * The content in pieces. With log probabilities whose tokens spell the content, a piece is whole
 * tokens (about PIECE characters of them) and carries those; otherwise (tokens that do not spell it,
 * e.g. a character split over two) the first piece carries them all.
 */
function contentPieces(text: string, tokens: TokenLogprob[] | null): Piece[] {
  if (tokens && tokens.map((t) => t.token).join("") === text) {
    const out: Piece[] = [];
    let current: Piece = { text: "", tokens: [] };
    for (const token of tokens) {
      current.text += token.token;
      current.tokens!.push(token);
      if (current.text.length >= PIECE) {
        out.push(current);
        current = { text: "", tokens: [] };
      }
    }
    if (current.tokens!.length > 0) out.push(current);
    return out;
  }
  return pieces(text).map((piece, i) => ({ text: piece, tokens: i === 0 ? tokens : null }));
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
    const logprobs = readChoiceLogprobs(choice.logprobs);
    frames.push(frame([{ index, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]));
    if (typeof message.content === "string" && message.content !== "") {
      for (const piece of contentPieces(message.content, logprobs?.content ?? null)) {
        const pieceLogprobs = logprobs?.content ? { content: piece.tokens ?? [], refusal: null } : null;
        frames.push(frame([{ index, delta: { content: piece.text }, logprobs: pieceLogprobs, finish_reason: null }]));
      }
    }
    if (typeof message.refusal === "string" && message.refusal !== "") {
      const refusalLogprobs = logprobs?.refusal ? { content: null, refusal: logprobs.refusal } : null;
      frames.push(frame([{ index, delta: { refusal: message.refusal }, logprobs: refusalLogprobs, finish_reason: null }]));
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
