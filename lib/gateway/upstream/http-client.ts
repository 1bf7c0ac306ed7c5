// The gateway's HTTP calls to providers whose answer is read as it arrives (streams) or whatever its
// shape (probes, error bodies): undici's Agent.dispatch with a handler of our own. undici.request
// wrapped each answer in a Readable stream, parsed its headers into an object and fed the body
// through promises of its own: about 15–20 µs of CPU per call more (decision 003). Non-streamed JSON
// answers take an even shorter way (buffered-answer.ts).
import type { CallDeadline } from "./call-deadline";
import type { UpstreamCall } from "./upstream-call-shape";
import { DeadlineBoundHandler, dispatchUpstream, ERROR_BODY_LIMIT, rawHeader } from "./upstream-dispatch";

export type { UpstreamCall } from "./upstream-call-shape";

/** Chunks read ahead of the consumer before undici stops reading the socket. */
const READ_AHEAD_CHUNKS = 16;

interface Waiter {
  resolve: (result: IteratorResult<Buffer>) => void;
  reject: (error: unknown) => void;
}

/**
 * One call's answer as undici delivers it: reports its start (status, headers), then queues the body's
 * chunks for one consumer, pausing the socket when the consumer falls behind.
 */
class StreamedAnswer extends DeadlineBoundHandler {
  status = 0;
  rawHeaders: Buffer[] | null = null;
  private resumeReading: (() => void) | null = null;
  private paused = false;
  private readonly queue: Buffer[] = [];
  private waiter: Waiter | null = null;
  private error: unknown = null;

  constructor(
    deadline: CallDeadline,
    private readonly onStarted: (answer: StreamedAnswer) => void,
    private readonly onFailed: (error: unknown) => void,
  ) {
    super(deadline);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    this.resumeReading = resume;
    this.onStarted(this);
    return true;
  }

  onData(chunk: Buffer): boolean {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter.resolve({ value: chunk, done: false });
      return true;
    }
    this.queue.push(chunk);
    this.paused = this.queue.length >= READ_AHEAD_CHUNKS;
    return !this.paused;
  }

  onComplete(): void {
    this.end();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve({ value: undefined, done: true });
  }

  onError(error: unknown): void {
    if (this.ended) return;
    this.end();
    this.error = error;
    if (this.status === 0) {
      this.onFailed(error);
      return;
    }
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(error);
  }

  /** The next chunk; `done` once the body is complete; rejects with what undici reported. */
  next(): Promise<IteratorResult<Buffer>> {
    if (this.queue.length > 0) {
      const chunk = this.queue.shift()!;
      if (this.paused && this.queue.length === 0) {
        this.paused = false;
        this.resumeReading?.();
      }
      return Promise.resolve({ value: chunk, done: false });
    }
    if (this.error !== null) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** Stops the call: the socket is closed unless the body already arrived whole. */
  cancel(): void {
    if (this.ended) return;
    this.end();
    this.abortRequest?.(new Error("the gateway stopped reading this answer"));
  }
}

export class UpstreamResponse {
  constructor(private readonly answer: StreamedAnswer) {}

  get status(): number {
    return this.answer.status;
  }

  /** The first value of a header (name in lower case). */
  header(name: string): string | undefined {
    return rawHeader(this.answer.rawHeaders, name);
  }

  /** The whole body as text, still under the call's deadline. */
  async text(): Promise<string> {
    const parts: Buffer[] = [];
    try {
      for (let next = await this.answer.next(); !next.done; next = await this.answer.next()) parts.push(next.value);
    } catch (error) {
      throw this.answer.deadline.translate(error);
    } finally {
      this.answer.deadline.release();
    }
    return Buffer.concat(parts).toString("utf8");
  }

  /** At most maxBytes of the body (error bodies: a misbehaving upstream must not make us buffer megabytes). */
  async limitedText(maxBytes = ERROR_BODY_LIMIT): Promise<string> {
    const parts: Buffer[] = [];
    let size = 0;
    try {
      while (size < maxBytes) {
        const next = await this.answer.next();
        if (next.done) break;
        parts.push(next.value);
        size += next.value.length;
      }
    } catch (error) {
      throw this.answer.deadline.translate(error);
    } finally {
      this.answer.deadline.release();
      if (size >= maxBytes) this.answer.cancel();
    }
    return Buffer.concat(parts).subarray(0, maxBytes).toString("utf8");
  }

  /**
   * The body chunk by chunk, never buffered. Each silence between chunks is bounded by the timeout.
   * Leaving the loop early (break, throw, return) closes the upstream socket.
   */
  async *chunks(): AsyncGenerator<Buffer> {
    let completed = false;
    try {
      for (let next = await this.answer.next(); !next.done; next = await this.answer.next()) {
        this.answer.deadline.refresh();
        yield next.value;
      }
      completed = true;
    } catch (error) {
      throw this.answer.deadline.translate(error);
    } finally {
      this.answer.deadline.release();
      if (!completed) this.answer.cancel();
    }
  }
}

/** Sends the request; resolves once the upstream's status and headers arrived. */
export function sendUpstream(call: UpstreamCall): Promise<UpstreamResponse> {
  return dispatchUpstream<UpstreamResponse>(
    call,
    (deadline, resolve, reject) =>
      new StreamedAnswer(
        deadline,
        (started) => resolve(new UpstreamResponse(started)),
        (error) => {
          deadline.release();
          reject(deadline.translate(error));
        },
      ),
  );
}
