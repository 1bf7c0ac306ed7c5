// Pipes an upstream stream (already OpenAI chunks) to the client as SSE, pulling only as fast as the
// client reads; what one upstream network read brought goes out as one write. The result is a pull
// body (transport/gateway-response.ts): the fast path writes it to the socket itself, the Next.js
// routes wrap it in a ReadableStream. Ends with [DONE] on success; a cut-off or failing upstream
// becomes an error event followed by [DONE], never a normal finish. A client that disconnects cancels
// the upstream call. `onEnd` runs exactly once with what happened.
import { HttpError, UpstreamError } from "../http/errors";
import type { AbortFlag } from "../abort/abort-flag";
import type { PullBody } from "../http/gateway-response";
import { openAiErrorBody } from "./respond";
import { CompletionText } from "./completion-text";
import type { Usage } from "../openai-format/types";
import type { ChatStream } from "./types";
import { UnparsedChunk, type StreamChunk } from "../openai-format/unparsed-chunk";

export interface StreamEnd {
  status: number;
  errorType: string | null;
  usage: Usage | null;
  completionText: string;
  ttftMs: number | null;
  clientAborted: boolean;
  /** what broke the stream, when it broke (the router judges the deployment by it) */
  error?: unknown;
}

export interface StreamToClientOptions {
  stream: ChatStream;
  /**
   * The stream's batches, already started: the router reads the first batch before answering, so
   * that a stream failing before its first byte can still be retried (and fail with its own status).
   */
  started?: { iterator: AsyncIterator<StreamChunk[]>; first: IteratorResult<StreamChunk[]> };
  startedAt: number;
  /** forward the usage-only final chunk (the client asked for stream_options.include_usage) */
  forwardUsageChunk: boolean;
  upstreamAbort: AbortFlag;
  /** sees every chunk, unparsed ones included (the response cache assembles the answer it will store) */
  observe?: (chunk: StreamChunk) => void;
  onEnd: (end: StreamEnd) => Promise<string | null>;
}

const DONE = "data: [DONE]\n\n";

export function streamToClient(options: StreamToClientOptions): PullBody {
  const iterator = options.started?.iterator ?? options.stream.batches[Symbol.asyncIterator]();
  let prefetched = options.started?.first ?? null;
  const completion = new CompletionText();
  let usage: Usage | null = null;
  let ttftMs: number | null = null;
  let ended = false;
  let closed = false;

  const finish = async (end: Omit<StreamEnd, "usage" | "completionText" | "ttftMs">): Promise<string | null> => {
    if (ended) return null;
    ended = true;
    usage ??= options.stream.usage?.() ?? null;
    // The generated text only matters for estimating tokens the upstream did not report.
    return options.onEnd({ ...end, usage, completionText: usage ? "" : completion.text(), ttftMs });
  };

  return {
    async next() {
      if (closed) return null;
      try {
        const next = prefetched ?? (await iterator.next());
        prefetched = null;
        if (next.done) {
          closed = true;
          const trailer = await finish({ status: 200, errorType: null, clientAborted: false });
          return trailer ? `data: ${trailer}\n\n${DONE}` : DONE;
        }
        let frames = "";
        const { observe } = options;
        for (const chunk of next.value) {
          completion.add(chunk);
          if (observe) observe(chunk);
          const unread = chunk instanceof UnparsedChunk;
          if (ttftMs === null && (unread ? chunk.hasChoices : chunk.choices.length > 0)) {
            ttftMs = Math.round(performance.now() - options.startedAt);
          }
          if (unread) {
            // The upstream's own text; the translator read its usage if it had any.
            frames += `data: ${chunk.json}\n\n`;
            continue;
          }
          if (chunk.usage) usage = chunk.usage;
          if (chunk.choices.length === 0 && chunk.usage && !options.forwardUsageChunk) continue;
          frames += `data: ${JSON.stringify(chunk)}\n\n`;
        }
        return frames;
      } catch (error) {
        closed = true;
        if (ended) return null;
        const failure =
          error instanceof HttpError
            ? error
            : new UpstreamError(502, "The upstream stream failed.", "upstream_stream_error", "upstream_error", {}, false);
        await finish({ status: failure.status, errorType: failure.code ?? failure.type, clientAborted: false, error });
        return `data: ${openAiErrorBody(failure)}\n\n${DONE}`;
      }
    },
    async cancel() {
      closed = true;
      // The client went away: stop paying for tokens nobody will read.
      options.upstreamAbort.abort();
      void iterator.return?.().catch(() => {});
      await finish({ status: 499, errorType: "client_closed", clientAborted: true });
    },
  };
}
