// Drives a provider's stream translator over upstream SSE events and enforces the two stream rules every
// adapter shares: a stream that ends without its terminal event is an error, and an error after the
// first chunk is flagged so the router never retries a half-delivered answer.
import type { ChatCompletionChunk, ChatStream, Usage } from "@/lib/gateway/types";
import type { SseEvent } from "@/lib/gateway/upstream/sse";
import { afterFirstByte, badResponseError, streamTruncatedError } from "@/lib/gateway/upstream/error-mapping";

export interface StreamTranslator {
  /** The OpenAI chunks one upstream event becomes (often none). Throws UpstreamError for error events. */
  translate(event: SseEvent): ChatCompletionChunk[];
  /** Chunks owed once the upstream ended cleanly (e.g. the usage chunk when the client asked for it). */
  end?(): ChatCompletionChunk[];
  /** True once the provider's terminal event arrived. */
  readonly finished: boolean;
  readonly usage: Usage | null;
}

export const NO_CHUNKS: ChatCompletionChunk[] = [];

export function parseEventJson(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    if (value !== null && typeof value === "object") return value as Record<string, unknown>;
  } catch {
    // fall through: the event is not what any provider sends
  }
  throw badResponseError("a stream event is not a JSON object.");
}

async function* translateEvents(
  events: AsyncIterable<SseEvent>,
  translator: StreamTranslator,
  signal: AbortSignal,
): AsyncGenerator<ChatCompletionChunk> {
  let yielded = false;
  try {
    // Events after the terminal one are still read so the body ends cleanly and the socket goes back to
    // the keep-alive pool instead of being destroyed.
    for await (const event of events) {
      const chunks = translator.translate(event);
      for (const chunk of chunks) {
        // Events already parsed from the last network read must not outlive the caller's abort.
        signal.throwIfAborted();
        yielded = true;
        yield chunk;
      }
    }
    if (!translator.finished) throw streamTruncatedError(!yielded);
    for (const chunk of translator.end?.() ?? NO_CHUNKS) yield chunk;
  } catch (error) {
    throw yielded ? afterFirstByte(error) : error;
  }
}

export function createChatStream(events: AsyncIterable<SseEvent>, translator: StreamTranslator, signal: AbortSignal): ChatStream {
  return { chunks: translateEvents(events, translator, signal), usage: () => translator.usage };
}

/** Seconds since the epoch, as OpenAI's `created`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
