// The text a stream generated, kept for one purpose: estimating completion tokens when the upstream
// never reports usage. Chunks passed through unread are kept as their JSON text and parsed only if
// that estimate is needed; past a bound they are parsed as they come, so a long answer does not hold
// its whole wire form in memory.
import type { ChatCompletionChunk } from "../openai-format/types";
import { UnparsedChunk, type StreamChunk } from "../openai-format/unparsed-chunk";

const MAX_UNPARSED_CHARS = 256 * 1024;

function appendText(chunk: ChatCompletionChunk, parts: (string | UnparsedChunk)[]): void {
  if (!Array.isArray(chunk.choices)) return;
  for (const choice of chunk.choices) {
    const { content, tool_calls: toolCalls } = choice.delta ?? {};
    if (typeof content === "string" && content) parts.push(content);
    if (toolCalls) for (const call of toolCalls) if (call.function?.arguments) parts.push(call.function.arguments);
  }
}

export class CompletionText {
  /** text, or a chunk not read yet, in the order they came */
  private parts: (string | UnparsedChunk)[] = [];
  private unparsedChars = 0;

  add(chunk: StreamChunk): void {
    if (!(chunk instanceof UnparsedChunk)) {
      appendText(chunk, this.parts);
      return;
    }
    this.parts.push(chunk);
    this.unparsedChars += chunk.json.length;
    if (this.unparsedChars > MAX_UNPARSED_CHARS) this.readUnparsed();
  }

  text(): string {
    this.readUnparsed();
    return this.parts.join("");
  }

  private readUnparsed(): void {
    if (this.unparsedChars === 0) return;
    const parts: string[] = [];
    for (const part of this.parts) {
      if (typeof part === "string") parts.push(part);
      else appendText(parseOrRaw(part), parts);
    }
    this.parts = parts;
    this.unparsedChars = 0;
  }
}

function parseOrRaw(chunk: UnparsedChunk): ChatCompletionChunk {
  try {
    return chunk.parse();
  } catch {
    // Not JSON after all: it still cost tokens; count its raw text rather than nothing.
    return { choices: [{ delta: { content: chunk.json } }] } as unknown as ChatCompletionChunk;
  }
}
