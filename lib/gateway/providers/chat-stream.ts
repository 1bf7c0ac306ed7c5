// Drives a provider's stream translator over upstream SSE events and enforces the two stream rules every
// adapter shares: a stream that ends without its terminal event is an error, and an error after the
// first chunk is flagged so the router never retries a half-delivered answer.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { ChatCompletionChunk, Usage } from "@/lib/openai-format/types";
import type { ChatStream } from "@/lib/gateway/types";
import { parsedChunk, type StreamChunk } from "@/lib/openai-format/unparsed-chunk";
import type { SseEvent } from "@/lib/gateway/upstream/sse";
import { badResponseError } from "@/lib/http/errors";
import { afterFirstByte, streamTruncatedError } from "@/lib/gateway/upstream/error-mapping";

export interface StreamTranslator {
  /** The OpenAI chunks one upstream event becomes (often none). Throws UpstreamError for error events. */
  translate(event: SseEvent): StreamChunk[];
  /** Chunks owed once the upstream ended cleanly (e.g. the usage chunk when the client asked for it). */
  end?(): StreamChunk[];
  /** True once the provider's terminal event arrived. */
  readonly finished: boolean;
  readonly usage: Usage | null;
}

/** No chunks (shared; never mutated). */
export const NO_CHUNKS: never[] = [];

export function parseEventJson(data: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data);
    if (value !== null && typeof value === "object") return value as Record<string, unknown>;
  } catch {
    // fall through: the event is not what any provider sends
  }
  throw badResponseError("a stream event is not a JSON object.");
}

/** Translates batches of events into batches of chunks (empty batches are skipped). */
async function* translateBatches(
  batches: AsyncIterable<SseEvent[]>,
  translator: StreamTranslator,
  signal: AbortSignalLike,
): AsyncGenerator<StreamChunk[]> {
  let yielded = false;
  try {
    // Events after the terminal one are still read so the body ends cleanly and the socket goes back to
    // the keep-alive pool instead of being destroyed.
    for await (const events of batches) {
      const out: StreamChunk[] = [];
      let failure: unknown = null;
      for (const event of events) {
        try {
          for (const chunk of translator.translate(event)) out.push(chunk);
        } catch (error) {
          failure = error; // after the chunks that preceded it in the same read have gone out
          break;
        }
      }
      if (out.length > 0) {
        signal.throwIfAborted();
        yielded = true;
        yield out;
      }
      if (failure) throw failure;
    }
    if (!translator.finished) throw streamTruncatedError(!yielded);
    const tail = translator.end?.() ?? NO_CHUNKS;
    if (tail.length > 0) yield tail;
  } catch (error) {
    throw yielded ? afterFirstByte(error) : error;
  }
}

async function* flatten(batches: AsyncIterable<StreamChunk[]>, signal: AbortSignalLike): AsyncGenerator<ChatCompletionChunk> {
  for await (const batch of batches) {
    for (const item of batch) {
      // Chunks already read from the last network read must not outlive the caller's abort.
      signal.throwIfAborted();
      yield parsedChunk(item);
    }
  }
}

// A class, not an object literal with a getter: V8 allocates the accessor pair of a getter defined
// on an object literal in the old generation, once per object. That dead pair then keeps the getter's
// closure alive through every scavenge until the next full GC, and with it the whole call (the
// generators, the upstream's bytes, the decoded text): about 5 KB per streamed call promoted, and
// scavenges twice as long (docs/decisions/009-no-object-literal-accessors.md). A getter on a class lives on its prototype.
class TranslatedChatStream implements ChatStream {
  readonly batches: AsyncGenerator<StreamChunk[]>;
  private flattened: AsyncGenerator<ChatCompletionChunk> | undefined;

  constructor(
    events: AsyncIterable<SseEvent[]>,
    private readonly translator: StreamTranslator,
    private readonly signal: AbortSignalLike,
  ) {
    this.batches = translateBatches(events, translator, signal);
  }

  get chunks(): AsyncGenerator<ChatCompletionChunk> {
    this.flattened ??= flatten(this.batches, this.signal);
    return this.flattened;
  }

  usage(): Usage | null {
    return this.translator.usage;
  }
}

export function createChatStream(events: AsyncIterable<SseEvent[]>, translator: StreamTranslator, signal: AbortSignalLike): ChatStream {
  return new TranslatedChatStream(events, translator, signal);
}

/** Seconds since the epoch, as OpenAI's `created`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
