// What both of the gateway's undici handlers (buffered-answer.ts for whole answers, http-client.ts for
// answers read as they arrive) share: sending the call through the agent with its deadline, tying the
// deadline to the request's abort, and reading headers from undici's raw list. Handlers of our own
// instead of undici.request: decision 003.
import type { Dispatcher } from "undici";
import { Readable } from "node:stream";
import { CallDeadline } from "./call-deadline";
import { upstreamAgent } from "./upstream-agent";
import type { UpstreamCall } from "./upstream-call-shape";

/** An error answer's body is read up to this many bytes: an upstream's HTML page must not be buffered whole. */
export const ERROR_BODY_LIMIT = 64 * 1024;

/** The first value of header `name` (lower case) in undici's raw list [name, value, name, value, …]. */
export function rawHeader(raw: Buffer[] | null, name: string): string | undefined {
  if (raw === null) return undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i];
    if (key.length === name.length && key.toString("latin1").toLowerCase() === name) return raw[i + 1].toString("latin1");
  }
  return undefined;
}

/** Splits `http://host:port/path?query` into undici's origin and path without a URL object. */
function originAndPath(url: string): { origin: string; path: string } {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  return slash === -1 ? { origin: url, path: "/" } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

/**
 * A handler whose request ends when the call's deadline fires or its caller aborts: before the
 * connection exists the handler fails at once, after it undici aborts the request (and reports it to
 * onError). `ended` is set once the handler has its outcome; nothing after that changes it.
 */
export abstract class DeadlineBoundHandler implements Dispatcher.DispatchHandler {
  protected abortRequest: ((reason: Error) => void) | null = null;
  protected ended = false;

  constructor(readonly deadline: CallDeadline) {
    deadline.signal.addEventListener("abort", this.onAbort);
  }

  private readonly onAbort = (): void => {
    const reason = this.deadline.signal.reason as Error;
    if (this.abortRequest) this.abortRequest(reason);
    else this.onError(reason);
  };

  onConnect(abort: (reason?: Error) => void): void {
    if (this.ended) abort(this.deadline.signal.reason as Error);
    else this.abortRequest = abort;
  }

  abstract onError(error: unknown): void;

  /** Marks the outcome known and stops listening for the deadline. */
  protected end(): void {
    this.ended = true;
    this.deadline.signal.removeEventListener("abort", this.onAbort);
  }
}

/**
 * Sends `call` (a large body encoded first, then sent with a content-length, never chunked: some
 * OpenAI-compatible servers refuse chunked requests) to the handler `start` makes for its deadline;
 * the handler settles the promise.
 */
export async function dispatchUpstream<T>(
  call: UpstreamCall,
  start: (deadline: CallDeadline, resolve: (value: T) => void, reject: (error: unknown) => void) => DeadlineBoundHandler,
): Promise<T> {
  call.signal.throwIfAborted();
  const { body } = call;
  const large = typeof body === "object" ? await body.encode(call.signal) : null;
  const deadline = new CallDeadline(call.timeoutMs, call.signal);
  const { origin, path } = originAndPath(call.url);
  return new Promise<T>((resolve, reject) => {
    const handler = start(deadline, resolve, reject);
    if (deadline.signal.aborted) {
      handler.onError(deadline.signal.reason);
      return;
    }
    try {
      upstreamAgent.dispatch(
        {
          origin,
          path,
          method: call.method ?? "POST",
          headers: large ? { ...call.headers, "content-length": String(large.byteLength) } : call.headers,
          body: large ? Readable.from(large.chunks) : (body as string | undefined),
        },
        handler,
      );
    } catch (error) {
      handler.onError(error);
    }
  });
}
