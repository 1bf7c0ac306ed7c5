// Calls in flight, so that `POST /v1/requests/{id}/cancel` can abort one. The id is Tollgate's
// request id (x-request-id, sent with a stream's first bytes) or the `x-client-request-id` the client
// sent itself (how a non-streamed call is cancelled before its answer exists), and only the key that
// made the call may cancel it. With several replicas the call may live on another one: a cancel this
// process cannot serve is published on "request-cancel", and the replica holding the call answers
// on "request-cancel-ack".
import { randomUUID } from "node:crypto";
import { HttpError } from "../http/errors";
import { sharedStore, type SharedStore } from "../store";
import { routingMetrics } from "./routing-metrics";

export const CANCEL_CHANNEL = "request-cancel";
export const CANCEL_ACK_CHANNEL = "request-cancel-ack";
/** How long a cancel waits for another replica (over Redis) to say it held the call. */
export const CANCEL_ACK_TIMEOUT_MS = 2_000;
/** In one process the store delivers at once: only the console thread's bridge needs a moment. */
const LOCAL_ACK_TIMEOUT_MS = 100;

/** What the cancelled call fails with: 499, never retried (the SDKs retry 408, 409, 429 and 5xx). */
export class RequestCancelledError extends HttpError {
  constructor(requestId: string) {
    super(499, `The call ${requestId} was cancelled through POST /v1/requests/${requestId}/cancel.`, "invalid_request_error", "request_cancelled");
    this.retryable = false;
  }
}

/** A call that can be cancelled: the gateway's per-call control object registers itself (no extra allocation). */
export interface CancellableCall {
  readonly requestId: string;
  readonly keyId: string | null;
  /** the key and the client's own id, joined (clientKeyOf); null when the client sent none */
  readonly clientKey: string | null;
  cancel(reason: RequestCancelledError): void;
}

type InFlight = CancellableCall;

export const clientKeyOf = (keyId: string, clientRequestId: string) => `${keyId}\u0000${clientRequestId}`;

export class InFlightCalls {
  private readonly byId = new Map<string, InFlight>();
  private readonly byClientId = new Map<string, InFlight>();
  private readonly acks = new Map<string, (found: boolean) => void>();
  private subscribed: Promise<void> | null = null;
  private ackSubscribed: Promise<void> | null = null;

  constructor(private readonly store: () => SharedStore = sharedStore) {}

  /** Makes the call cancellable until `unregister`. */
  register(call: CancellableCall): void {
    this.subscribed ??= this.store()
      .subscribe(CANCEL_CHANNEL, (text) => this.onCancelMessage(text))
      .catch(() => {
        this.subscribed = null;
      });
    this.byId.set(call.requestId, call);
    if (call.clientKey) this.byClientId.set(call.clientKey, call);
  }

  unregister(requestId: string): void {
    const call = this.byId.get(requestId);
    if (!call) return;
    this.byId.delete(requestId);
    if (call.clientKey && this.byClientId.get(call.clientKey) === call) this.byClientId.delete(call.clientKey);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Cancels a call of `keyId` held by this process; false when it holds none by that id. */
  cancelHere(id: string, keyId: string): boolean {
    const byId = this.byId.get(id);
    const call = byId && byId.keyId === keyId ? byId : this.byClientId.get(clientKeyOf(keyId, id));
    if (!call) return false;
    this.unregister(call.requestId);
    routingMetrics().cancelled();
    call.cancel(new RequestCancelledError(call.requestId));
    return true;
  }

  /** Cancels the call wherever it runs; resolves true when some replica held it. */
  async cancel(id: string, keyId: string): Promise<boolean> {
    if (this.cancelHere(id, keyId)) return true;
    const store = this.store();
    this.ackSubscribed ??= store.subscribe(CANCEL_ACK_CHANNEL, (text) => this.onAck(text)).catch(() => {
      this.ackSubscribed = null;
    });
    await this.ackSubscribed;
    const nonce = randomUUID();
    const acked = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(nonce);
        resolve(false);
      }, store.kind === "redis" ? CANCEL_ACK_TIMEOUT_MS : LOCAL_ACK_TIMEOUT_MS);
      this.acks.set(nonce, (found) => {
        clearTimeout(timer);
        this.acks.delete(nonce);
        resolve(found);
      });
    });
    await store.publish(CANCEL_CHANNEL, JSON.stringify({ id, keyId, nonce }));
    return acked;
  }

  private onCancelMessage(text: string): void {
    let message: { id?: unknown; keyId?: unknown; nonce?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id !== "string" || typeof message.keyId !== "string" || typeof message.nonce !== "string") return;
    // Only the replica that held it answers; the asker times out on "not found".
    if (this.cancelHere(message.id, message.keyId)) {
      void this.store().publish(CANCEL_ACK_CHANNEL, JSON.stringify({ nonce: message.nonce, found: true })).catch(() => {});
    }
  }

  private onAck(text: string): void {
    try {
      const { nonce, found } = JSON.parse(text) as { nonce?: string; found?: boolean };
      if (nonce) this.acks.get(nonce)?.(found === true);
    } catch {
      // not ours
    }
  }
}

const slot = globalThis as unknown as { tollgateInFlightCalls?: InFlightCalls };

export function inFlightCalls(): InFlightCalls {
  return (slot.tollgateInFlightCalls ??= new InFlightCalls());
}
