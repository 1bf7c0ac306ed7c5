// One call's control: the signal every upstream attempt runs under (aborted when the client goes
// away or cancels it through POST /v1/requests/{id}/cancel), its registration for that cancel, and
// its slot under the key's maxConcurrency. A single object per call: it is the abort flag, and the
// in-flight registry holds it as is.
import { clientKeyOf, inFlightCalls, type CancellableCall, type RequestCancelledError } from "../routing/in-flight-calls";
import { keySlots } from "../routing/key-slots";
import { routingSettings } from "../routing/routing-settings";
import { AbortFlag, type AbortSignalLike } from "../abort/abort-flag";
import type { Principal } from "../principal/principal";

export class CallControl extends AbortFlag implements CancellableCall {
  readonly keyId: string | null;
  readonly clientKey: string | null;
  private releaseKeySlot: (() => void) | null = null;
  private ended = false;

  constructor(
    readonly requestId: string,
    principal: Principal,
    private readonly client: AbortSignalLike,
    clientRequestId: string | null,
  ) {
    super();
    this.keyId = principal.keyId;
    this.clientKey = principal.keyId && clientRequestId ? clientKeyOf(principal.keyId, clientRequestId) : null;
    if (client.aborted) this.abort(client.reason);
    else client.addEventListener("abort", this.onClientAbort, { once: true });
    // Only calls made with a key can be cancelled (the cancel must come with the same key).
    if (this.keyId) inFlightCalls().register(this);
  }

  private readonly onClientAbort = (): void => this.abort(this.client.reason);

  /** The client went away (as opposed to a cancel or nothing at all). */
  get clientGone(): boolean {
    return this.client.aborted;
  }

  cancel(reason: RequestCancelledError): void {
    this.abort(reason);
  }

  /**
   * Waits for a slot when the key has a maxConcurrency (429 when none frees in time); a key without
   * one has nothing to wait for, and gets no promise.
   */
  holdKeySlot(principal: Principal, queueTimeoutMs: number): Promise<void> | null {
    const max = principal.maxConcurrency;
    if (!max || !principal.keyId) return null;
    const settings = routingSettings();
    return keySlots().acquire(principal.keyId, max, { queueTimeoutMs, queueMax: settings.queueMax, signal: this }).then((release) => {
      this.releaseKeySlot = release;
    });
  }

  /** The call is over: no longer cancellable, its key slot free. Safe to call more than once. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.client.removeEventListener("abort", this.onClientAbort);
    if (this.keyId) inFlightCalls().unregister(this.requestId);
    this.releaseKeySlot?.();
    this.releaseKeySlot = null;
  }
}
