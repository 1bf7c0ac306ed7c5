// A Messages stream to the client, pulled as fast as the client reads (the counterpart of
// stream-to-client.ts for Anthropic's events). What one upstream read brought goes out as one
// write. A clean end settles the call and sends the closing events a translated stream still owes;
// a failure after the stream started becomes Anthropic's `error` event (unless the upstream's own
// error event already went out); a client that leaves cancels the upstream call. `onEnd` runs once.
import { HttpError, UpstreamError } from "../../http/errors";
import type { AbortFlag } from "../../abort/abort-flag";
import type { PullBody } from "../../http/gateway-response";
import { ForwardedStreamError, type StreamAnswer } from "./answer";
import { anthropicErrorEvent } from "./anthropic-errors";
import type { FrameBatch } from "./chunks-to-events";
import type { AnthropicUsageOut } from "./to-anthropic-message";

export interface MessagesStreamEnd {
  status: number;
  errorType: string | null;
  ttftMs: number | null;
  clientAborted: boolean;
  /** the failure, when the stream failed (the router judges the deployment by it) */
  error?: unknown;
}

export interface MessagesStreamOptions {
  answer: StreamAnswer;
  /** the batch the dispatch step read to know the upstream serves (null when it read none) */
  first: FrameBatch | null;
  requestId: string;
  startedAt: number;
  upstreamAbort: AbortFlag;
  /** settles the call; on a clean end, resolves to the usage the closing events report */
  onEnd: (end: MessagesStreamEnd) => Promise<AnthropicUsageOut>;
}

function failureOf(error: unknown): HttpError {
  return error instanceof HttpError ? error : new UpstreamError(502, "The upstream stream failed.", "upstream_stream_error", "upstream_error", {}, false);
}

export function messagesStreamBody(options: MessagesStreamOptions): PullBody {
  const { answer } = options;
  let pending = options.first;
  let ttftMs: number | null = null;
  let ended = false;
  let closed = false;

  const finish = (end: Omit<MessagesStreamEnd, "ttftMs">): Promise<AnthropicUsageOut> | null => {
    if (ended) return null;
    ended = true;
    return options.onEnd({ ...end, ttftMs });
  };

  const deliver = (batch: FrameBatch): string => {
    if (ttftMs === null && batch.content) ttftMs = Math.round(performance.now() - options.startedAt);
    return batch.text;
  };

  return {
    async next() {
      if (closed) return null;
      if (pending) {
        const batch = pending;
        pending = null;
        return deliver(batch);
      }
      try {
        const batch = await answer.next();
        if (batch) return deliver(batch);
        closed = true;
        const usage = await finish({ status: 200, errorType: null, clientAborted: false });
        return usage ? answer.end(usage) : null;
      } catch (error) {
        closed = true;
        const forwarded = error instanceof ForwardedStreamError;
        const cause = forwarded ? error.error : error;
        const failure = failureOf(cause);
        const settling = finish({ status: failure.status, errorType: failure.code ?? failure.type, clientAborted: false, error: cause });
        if (!settling) return null;
        await settling;
        return forwarded ? "" : anthropicErrorEvent(failure, options.requestId);
      }
    },
    async cancel() {
      closed = true;
      // The client went away: stop paying for tokens nobody will read.
      options.upstreamAbort.abort();
      answer.cancel();
      await finish({ status: 499, errorType: "client_closed", clientAborted: true });
    },
  };
}
