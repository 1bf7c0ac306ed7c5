import { AbortFlag, type AbortSignalLike } from "../../abort/abort-flag";
import { UpstreamError, UpstreamTimeoutError } from "@/lib/http/errors";

// Ties the caller's signal and the timeout to one abort flag (undici's signal for the call), and turns
// whatever undici throws into the error the gateway should see: a timeout (504), the caller's own abort reason, or 502 unreachable.
export class CallDeadline {
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
