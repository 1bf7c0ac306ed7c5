// Server-sent events over an upstream body, as bytes arrive: the stream is never buffered beyond the
// event being parsed, so the first token reaches the client as soon as it exists. Events come in
// batches, one per network read: a read that carries 50 events costs one hop through the pipeline's
// async iterators instead of 50 (on a fast upstream that difference is most of the gateway's CPU).
import { createParser, type EventSourceMessage, type ParseError } from "eventsource-parser";
import { UpstreamError } from "@/lib/http/errors";

export type SseEvent = EventSourceMessage;

// One event larger than this is a broken or hostile upstream, not a model answer.
const MAX_EVENT_CHARS = 8 * 1024 * 1024;

export async function* readSseEventBatches(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent[]> {
  const pending: SseEvent[] = [];
  let parseError: ParseError | null = null;
  const parser = createParser({
    onEvent: (event) => pending.push(event),
    onError: (error) => {
      // Unknown fields and bad retry values are legal noise in SSE; only an oversized event is fatal.
      if (error.type === "max-buffer-size-exceeded") parseError = error;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    if (parseError) {
      throw new UpstreamError(502, "The upstream stream sent an event larger than 8 MB.", "upstream_bad_response");
    }
    if (pending.length > 0) yield pending.splice(0, pending.length);
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail);
  if (pending.length > 0) yield pending.splice(0, pending.length);
}

/** The same events one at a time. */
export async function* readSseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  for await (const batch of readSseEventBatches(body)) yield* batch;
}
