// OpenAI chunks are already canonical: the translator only watches for errors, the [DONE] terminal
// and usage, and hides the usage-only chunk that the gateway requested on the client's behalf.
import type { ChatCompletionChunk, Usage } from "@/lib/gateway/types";
import type { SseEvent } from "@/lib/gateway/upstream/sse";
import { errorFromUpstreamPayload, type UpstreamErrorContext } from "@/lib/gateway/upstream/error-mapping";
import { attachRawJson } from "../raw-json";
import { NO_CHUNKS, parseEventJson, type StreamTranslator } from "./chat-stream";

export class OpenAiStreamTranslator implements StreamTranslator {
  finished = false;
  usage: Usage | null = null;

  constructor(
    /** whether the client itself set stream_options.include_usage */
    private readonly clientWantsUsage: boolean,
    private readonly context: UpstreamErrorContext,
  ) {}

  translate(event: SseEvent): ChatCompletionChunk[] {
    if (event.data === "[DONE]") {
      this.finished = true;
      return NO_CHUNKS;
    }
    const payload = parseEventJson(event.data);
    if (payload.error != null || event.event === "error") throw errorFromUpstreamPayload(payload, this.context);
    const chunk = payload as unknown as ChatCompletionChunk;
    if (chunk.usage) this.usage = chunk.usage;
    if (!this.clientWantsUsage && chunk.usage !== undefined) {
      // The usage-only chunk exists because the gateway asked for it; the client did not.
      if (!Array.isArray(chunk.choices) || chunk.choices.length === 0) return NO_CHUNKS;
      delete chunk.usage;
      return [chunk];
    }
    return [attachRawJson(chunk, event.data)];
  }
}
