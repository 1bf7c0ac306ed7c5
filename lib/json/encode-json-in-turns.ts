// A value's JSON as UTF-8 bytes, made a slice at a time with the event loop free between turns: the
// body of a large upstream request (docs/decisions/016-upstream-bodies-serialized-in-slices.md). The
// pieces are kept, not streamed, so the caller knows the byte length before it sends them (a
// content-length body: some OpenAI-compatible servers refuse chunked requests) and can send them
// again.
import { heavyTurn } from "./heavy-turns";
import { JsonSlicer, type SlicerLimits } from "./json-slicer";

export interface EncodedJson {
  /** pieces of the JSON text, in order, each to be written as UTF-8 (none ends inside a surrogate pair); a long one may be a slice of the request's own text */
  chunks: string[];
  /** the UTF-8 length of all of them */
  byteLength: number;
}

export interface EncodeOptions {
  /** Checked between turns: an abort stops the work and rejects with its reason. */
  signal?: { throwIfAborted(): void };
  /** characters of JSON per turn's step (one slicer piece, written as one or a few chunks) */
  pieceChars?: number;
  /** how long one turn may keep the event loop, at least one piece */
  turnMs?: number;
  /** the slicer's (tests make them tiny) */
  limits?: SlicerLimits;
}

export const DEFAULT_PIECE_CHARS = 64 * 1024;
export const DEFAULT_TURN_MS = 1;

export async function encodeJsonInTurns(value: unknown, options: EncodeOptions = {}): Promise<EncodedJson> {
  const { signal, pieceChars = DEFAULT_PIECE_CHARS, turnMs = DEFAULT_TURN_MS, limits } = options;
  const slicer = new JsonSlicer(value, limits);
  const chunks: string[] = [];
  let byteLength = 0;
  for (;;) {
    // Every turn starts with a yield, the first one too: a large body is usually built right after
    // its request was parsed, which has held the loop for a few milliseconds already. One heavy step
    // per turn across every call in flight (heavy-turns.ts): two bodies' slices never share a turn.
    await heavyTurn();
    signal?.throwIfAborted();
    const turnStarted = performance.now();
    do {
      // Kept as the slicer's parts: a long string copied from the request's text is a view of it, and
      // joining it into one piece made a fresh copy that lived until the call ended, so every
      // scavenge in between copied it again (4 MB a call for a large prompt; decision 016).
      const parts = slicer.nextParts(pieceChars);
      if (parts === null) return { chunks, byteLength };
      for (const part of parts) {
        chunks.push(part);
        byteLength += Buffer.byteLength(part, "utf8");
      }
    } while (performance.now() - turnStarted < turnMs);
  }
}
