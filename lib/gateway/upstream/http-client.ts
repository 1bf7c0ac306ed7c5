// The one way the gateway talks HTTP to providers. undici.request on a shared keep-alive Agent: global
// fetch costs about 4x the CPU per call (WHATWG streams), and TLS/TCP setup dominates small calls.
import { AbortFlag, type AbortSignalLike } from "../../abort/abort-flag";
import { Agent, request, type Dispatcher } from "undici";
import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import { UpstreamError, UpstreamTimeoutError } from "@/lib/http/errors";
import { guardedConnector } from "@/lib/net/undici-connector";
import type { UpstreamBody } from "./json-request-body";

const upstreamAgent = new Agent({
  // Per origin. One provider often carries every concurrent stream of the gateway, so the pool must be
  // wide; undici opens sockets lazily, so an idle gateway holds none of them.
  connections: 1024,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 300_000,
  // Deadlines are enforced per call (target.timeoutMs) by CallDeadline, not by undici's fixed defaults.
  headersTimeout: 0,
  bodyTimeout: 0,
  // Each new socket's address is checked (cloud metadata, link-local, and private ranges when
  // TOLLGATE_BLOCK_PRIVATE_NETWORKS is on): a base URL's name may resolve elsewhere than when saved.
  connect: guardedConnector(),
});

export interface UpstreamCall {
  url: string;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  /** JSON text, or a large JSON body (json-request-body.ts) serialized in turns just before it is sent */
  body?: UpstreamBody;
  /** Covers connect + headers + the whole body; for streamed bodies, the longest silence between chunks. */
  timeoutMs: number;
  /** The caller's signal: aborting it closes the upstream socket. */
  signal: AbortSignalLike;
}

// Ties the caller's signal and the timeout to one abort flag (undici's signal for the call), and turns
// whatever undici throws into the error the gateway should see: a timeout (504), the caller's own abort reason, or 502 unreachable.
class CallDeadline {
  readonly signal = new AbortFlag();
  private timedOut = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly timeoutMs: number,
    private readonly callerSignal: AbortSignalLike,
  ) {
    this.timer = setTimeout(this.onTimeout, timeoutMs);
    callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  private readonly onTimeout = (): void => {
    this.timedOut = true;
    // Also reached when a stream is opened but never read: nothing else would detach the listener then.
    this.callerSignal.removeEventListener("abort", this.onCallerAbort);
    this.signal.abort(new UpstreamTimeoutError(this.timeoutMs));
  };

  private readonly onCallerAbort = (): void => this.signal.abort(this.callerSignal.reason);

  /** Restarts the timer: while a stream keeps sending, it is alive, however long it runs. */
  refresh(): void {
    this.timer.refresh();
  }

  release(): void {
    clearTimeout(this.timer);
    this.callerSignal.removeEventListener("abort", this.onCallerAbort);
  }

  translate(error: unknown): unknown {
    if (this.timedOut) return new UpstreamTimeoutError(this.timeoutMs);
    if (this.callerSignal.aborted) return this.callerSignal.reason ?? error;
    if (error instanceof UpstreamError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    // The message names the failure class only: undici's text carries internal host names and ports.
    const unreachable = new UpstreamError(
      502,
      `Could not reach the upstream provider (${typeof code === "string" ? code : "connection error"}).`,
      "upstream_unreachable",
    );
    // The router retries refused and reset connections (lib/routing/retry-policy.ts).
    unreachable.networkCode = typeof code === "string" ? code : null;
    return unreachable;
  }
}

export class UpstreamResponse {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    private readonly body: Dispatcher.ResponseData["body"],
    private readonly deadline: CallDeadline,
  ) {}

  header(name: string): string | undefined {
    const value = this.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  /** The whole body as text, still under the call's deadline. */
  async text(): Promise<string> {
    try {
      return await this.body.text();
    } catch (error) {
      throw this.deadline.translate(error);
    } finally {
      this.deadline.release();
    }
  }

  /** At most maxBytes of the body (error bodies: a misbehaving upstream must not make us buffer megabytes). */
  async limitedText(maxBytes = 64 * 1024): Promise<string> {
    const parts: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of this.body) {
        parts.push(chunk);
        size += chunk.length;
        if (size >= maxBytes) break;
      }
    } catch (error) {
      throw this.deadline.translate(error);
    } finally {
      this.deadline.release();
      if (!this.body.destroyed && size >= maxBytes) this.body.destroy();
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
      for await (const chunk of this.body) {
        this.deadline.refresh();
        yield chunk as Buffer;
      }
      completed = true;
    } catch (error) {
      throw this.deadline.translate(error);
    } finally {
      this.deadline.release();
      if (!completed && !this.body.destroyed) this.body.destroy();
    }
  }
}

/** Sends the request; resolves once the upstream's status and headers arrived. */
export async function sendUpstream(call: UpstreamCall): Promise<UpstreamResponse> {
  call.signal.throwIfAborted();
  const { body } = call;
  // Sent with a content-length, never chunked: some OpenAI-compatible servers refuse chunked requests.
  const large = typeof body === "object" ? await body.encode(call.signal) : null;
  const deadline = new CallDeadline(call.timeoutMs, call.signal);
  try {
    const response = await request(call.url, {
      dispatcher: upstreamAgent,
      method: call.method ?? "POST",
      headers: large ? { ...call.headers, "content-length": String(large.byteLength) } : call.headers,
      body: large ? Readable.from(large.chunks) : (body as string | undefined),
      signal: deadline.signal,
    });
    return new UpstreamResponse(response.statusCode, response.headers, response.body, deadline);
  } catch (error) {
    deadline.release();
    throw deadline.translate(error);
  }
}
