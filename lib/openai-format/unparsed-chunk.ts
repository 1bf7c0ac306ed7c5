// A chunk of an OpenAI-compatible stream that goes to the client exactly as the upstream sent it: one
// the gateway did not need to read (it carries neither usage nor an error), or one it read and left
// unchanged (the usage chunk the client asked for). It is parsed only if something needs its content
// (the completion-text estimate when the upstream never reports usage, or a consumer of
// `ChatStream.chunks`). Parsing every event had been most of a streamed call's garbage and about a
// tenth of its CPU.
import { badResponseError } from "../http/errors";
import type { ChatCompletionChunk } from "./types";

const EMPTY_CHOICES = /"choices"\s*:\s*\[\s*\]/;

export class UnparsedChunk {
  constructor(readonly json: string) {}

  /** False for `choices: []` (e.g. Azure's prompt-filter chunk): nothing of the answer yet. */
  get hasChoices(): boolean {
    return !EMPTY_CHOICES.test(this.json);
  }

  /** The chunk itself; an event that only looked like JSON is the upstream's bad response (502). */
  parse(): ChatCompletionChunk {
    try {
      return JSON.parse(this.json) as ChatCompletionChunk;
    } catch {
      throw badResponseError("a stream event is not a JSON object.");
    }
  }
}

/** What a stream translator hands on: a chunk it built or read, or one it passed through unread. */
export type StreamChunk = ChatCompletionChunk | UnparsedChunk;

export function parsedChunk(chunk: StreamChunk): ChatCompletionChunk {
  return chunk instanceof UnparsedChunk ? chunk.parse() : chunk;
}
