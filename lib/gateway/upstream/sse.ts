// Server-sent events over an upstream body, as bytes arrive: the stream is never buffered beyond the
// event being parsed, so the first token reaches the client as soon as it exists. Events come in
// batches, one per network read: a read that carries 50 events costs one hop through the pipeline's
// async iterators instead of 50 (on a fast upstream that difference is most of the gateway's CPU).
import { StringDecoder } from "node:string_decoder";
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
  // Not TextDecoder: with `stream: true` Node 20 decodes through ICU into a two-byte string, about
  // 5x the time of StringDecoder's (which keeps a character split across reads for the next one
  // just the same), and every event sliced from it, and then written to the client, is two-byte too.
  const decoder = new StringDecoder("utf8");
  let first = true;
  for await (const bytes of body) {
    let text = decoder.write(bytes);
    if (first && text) {
      first = false;
      // A byte order mark is not part of the stream (TextDecoder dropped it; the parser only
      // recognizes one decoded as Latin-1).
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    parser.feed(text);
    if (parseError) {
      throw new UpstreamError(502, "The upstream stream sent an event larger than 8 MB.", "upstream_bad_response");
    }
    if (pending.length > 0) yield pending.splice(0, pending.length);
  }
  const tail = decoder.end();
  if (tail) parser.feed(tail);
  if (pending.length > 0) yield pending.splice(0, pending.length);
}

/** The same events one at a time. */
export async function* readSseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  for await (const batch of readSseEventBatches(body)) yield* batch;
}
