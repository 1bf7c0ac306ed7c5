// OpenAI chunks are already canonical: the translator only watches for errors, the [DONE] terminal
// and usage, and hides the usage-only chunk that the gateway requested on the client's behalf.
// Events that cannot carry usage or an error are not parsed at all (see unparsed-chunk.ts).
import type { ChatCompletionChunk, Usage } from "@/lib/openai-format/types";
import type { SseEvent } from "@/lib/gateway/upstream/sse";
import { errorFromUpstreamPayload, type UpstreamErrorContext } from "@/lib/gateway/upstream/error-mapping";
import { UnparsedChunk, type StreamChunk } from "../../openai-format/unparsed-chunk";
import { NO_CHUNKS, parseEventJson, type StreamTranslator } from "./chat-stream";

// A usage object or an `error` member anywhere. A false match only costs a parse; a miss is
// impossible for JSON that spells its keys plainly, which every OpenAI-compatible server does.
const MAY_CARRY_USAGE_OR_ERROR = /"usage"\s*:\s*\{|"error"/;

// `"usage":null`, which OpenAI puts in every chunk once usage is requested: removed from the text
// when only the gateway asked for usage, so the client sees the chunks it would have seen itself.
const NULL_USAGE_MEMBER = /,\s*"usage"\s*:\s*null(?=\s*[,}])|"usage"\s*:\s*null\s*,/;

/** An object's JSON text (cheap structural check; anything else takes the parsing path and fails there). */
function looksLikeObject(data: string): boolean {
  return data.charCodeAt(0) === 123 /* { */ && data.charCodeAt(data.length - 1) === 125 /* } */;
}

export class OpenAiStreamTranslator implements StreamTranslator {
  finished = false;
  usage: Usage | null = null;

  constructor(
    /** whether the client itself set stream_options.include_usage */
    private readonly clientWantsUsage: boolean,
    private readonly context: UpstreamErrorContext,
  ) {}

  translate(event: SseEvent): StreamChunk[] {
    const { data } = event;
    if (data === "[DONE]") {
      this.finished = true;
      return NO_CHUNKS;
    }
    if (event.event === undefined && looksLikeObject(data) && !MAY_CARRY_USAGE_OR_ERROR.test(data)) {
      return [new UnparsedChunk(this.clientWantsUsage ? data : data.replace(NULL_USAGE_MEMBER, ""))];
    }
    const payload = parseEventJson(data);
    if (payload.error != null || event.event === "error") throw errorFromUpstreamPayload(payload, this.context);
    const chunk = payload as unknown as ChatCompletionChunk;
    if (chunk.usage) this.usage = chunk.usage;
    if (!this.clientWantsUsage && chunk.usage !== undefined) {
      // The usage-only chunk exists because the gateway asked for it; the client did not.
      if (!Array.isArray(chunk.choices) || chunk.choices.length === 0) return NO_CHUNKS;
      delete chunk.usage;
      return [chunk];
    }
    // Read but unchanged: it goes on as the upstream's own text, like the chunks never read.
    return [new UnparsedChunk(data)];
  }
}
