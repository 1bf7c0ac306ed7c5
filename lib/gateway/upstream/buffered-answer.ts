// A whole upstream answer in memory (non-streamed JSON calls), read through undici's dispatch with a
// handler of our own instead of undici.request: request() wraps every answer in a Readable stream,
// parses its headers into an object and consumes the body through promises, about 20 µs of CPU per
// call more than collecting the chunks here (docs/decisions/003-upstream-http-client-undici.md). The
// proxy's main thread bounds its throughput, and this is on every JSON call's path.
import type { CallDeadline } from "./call-deadline";
import type { UpstreamCall } from "./upstream-call-shape";
import { DeadlineBoundHandler, dispatchUpstream, ERROR_BODY_LIMIT, rawHeader } from "./upstream-dispatch";

/** The status, the body as text, and the headers the gateway reads (lower-case names). */
export interface BufferedAnswer {
  status: number;
  text: string;
  header(name: string): string | undefined;
}

class BufferingHandler extends DeadlineBoundHandler {
  private status = 0;
  private rawHeaders: Buffer[] | null = null;
  private readonly parts: Buffer[] = [];
  private size = 0;

  constructor(
    deadline: CallDeadline,
    private readonly resolve: (answer: BufferedAnswer) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    super(deadline);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.ended) return false;
    this.parts.push(chunk);
    this.size += chunk.length;
    // Enough of an error body: answer with what arrived and drop the connection (like limitedText).
    if ((this.status < 200 || this.status >= 300) && this.size >= ERROR_BODY_LIMIT) {
      this.complete();
      this.abortRequest?.(new Error("error body limit reached"));
      return false;
    }
    return true;
  }

  onComplete(): void {
    if (!this.ended) this.complete();
  }

  onError(error: unknown): void {
    if (this.ended) return;
    this.end();
    this.deadline.release();
    this.reject(this.deadline.translate(error));
  }

  private complete(): void {
    this.end();
    this.deadline.release();
    const parts = this.parts;
    const body = parts.length === 1 ? parts[0] : Buffer.concat(parts, this.size);
    const text = (this.status >= 200 && this.status < 300 ? body : body.subarray(0, ERROR_BODY_LIMIT)).toString("utf8");
    const raw = this.rawHeaders;
    this.resolve({ status: this.status, text, header: (name) => rawHeader(raw, name) });
  }
}

/** Sends the request and resolves once the whole answer arrived (an error answer: its first 64 KB). */
export function sendUpstreamBuffered(call: UpstreamCall): Promise<BufferedAnswer> {
  return dispatchUpstream<BufferedAnswer>(call, (deadline, resolve, reject) => new BufferingHandler(deadline, resolve, reject));
}
