// In production the console (Next.js) runs in a worker thread and the proxy in the main thread, so
// Next's large heap and its AsyncLocalStorage hooks stay off the proxy's path (docs/architecture.md,
// "Threads"). The state the two must share — the in-process store (quota and rate-limit counters,
// pub/sub), the usage buffer, the metrics registry — stays in the main thread ("the host"); the
// console's thread reaches it through this bridge, one MessagePort between the two. What may cross
// is declared once, in host-methods.ts.
//
// Messages are plain data (structured clone). Calls are answered in order with the events the host
// emitted before answering, so an invalidation published through the bridge has reached every
// subscriber of both threads by the time the publisher's call resolves.
import type { MessagePort } from "node:worker_threads";
import type { EmitToGuest, GuestEvents, HostArgs, HostHandlers, HostMethodName, HostResult, PostableMethod } from "./host-methods";
import { logger } from "../logger";

export type { EmitToGuest, HostHandlers } from "./host-methods";

interface CallMessage {
  kind: "call";
  id: number;
  method: HostMethodName;
  args: HostArgs<HostMethodName>;
}
interface PostMessage {
  kind: "post";
  method: PostableMethod;
  args: HostArgs<PostableMethod>;
}
interface ReplyMessage {
  kind: "reply";
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}
type EventMessage = { [E in keyof GuestEvents]: { kind: "event"; name: E; payload: GuestEvents[E] } }[keyof GuestEvents];
type ToHost = CallMessage | PostMessage;
type ToGuest = ReplyMessage | EventMessage;
type Listeners = { [E in keyof GuestEvents]?: Set<(payload: GuestEvents[E]) => void> };

/** The console thread's end: calls into the host and hears its events. */
export class HostBridge {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners: Listeners = {};

  constructor(private readonly port: MessagePort) {
    port.on("message", (message: ToGuest) => this.receive(message));
    // The worker lives as long as the host wants it to; an idle port must not hold it open.
    port.unref();
  }

  call<M extends HostMethodName>(method: M, ...args: HostArgs<M>): Promise<HostResult<M>> {
    const id = this.nextId++;
    return new Promise<HostResult<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // While an answer is owed, the port keeps the thread alive (the last usage flush of a shutdown
      // runs after the console's server has closed, when nothing else would).
      if (this.pending.size === 1) this.port.ref();
      this.port.postMessage({ kind: "call", id, method, args } satisfies CallMessage);
    });
  }

  /** Fire-and-forget; ordered with calls, so a later call's answer means this one was handled. */
  post<M extends PostableMethod>(method: M, ...args: HostArgs<M>): void {
    this.port.postMessage({ kind: "post", method, args } satisfies PostMessage);
  }

  on<E extends keyof GuestEvents>(name: E, listener: (payload: GuestEvents[E]) => void): void {
    const listeners = this.listeners as { [K in E]?: Set<(payload: GuestEvents[K]) => void> };
    (listeners[name] ??= new Set()).add(listener);
  }

  private receive(message: ToGuest): void {
    if (message.kind === "event") {
      for (const listener of this.listeners[message.name] ?? []) listener(message.payload);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.port.unref();
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(Object.assign(new Error(message.error?.message ?? "host call failed"), { name: message.error?.name ?? "Error" }));
  }
}

/** Runs the handler a message names. The sender's types made the arguments match the method. */
function invoke<M extends HostMethodName>(handlers: Partial<HostHandlers>, method: M, args: HostArgs<M>): unknown {
  // TypeScript cannot tie a handler picked by a run-time name to that name's arguments: one cast, here.
  const handler = handlers[method] as ((...a: HostArgs<M>) => unknown) | undefined;
  if (!handler) throw new Error(`unknown host method ${method}`);
  return handler(...args);
}

/**
 * The host's end: answers calls with the handlers `makeHandlers` returns, given a way to emit events.
 * Production serves every method (lib/boot/console-bridge.ts); a test may serve only the ones it needs.
 */
export function serveHostBridge(port: MessagePort, makeHandlers: (emit: EmitToGuest) => Partial<HostHandlers>): void {
  const send = (message: ToGuest) => port.postMessage(message);
  const handlers = makeHandlers((name, payload) => send({ kind: "event", name, payload } as EventMessage));
  port.on("message", (message: ToHost) => {
    if (message.kind === "post") {
      if (!handlers[message.method]) return;
      // A posted message has no one to answer; a failing handler must not take the host down.
      Promise.resolve()
        .then(() => invoke(handlers, message.method, message.args))
        .catch((error: unknown) => logger().error({ err: error, method: message.method }, "host bridge: a posted call failed"));
      return;
    }
    Promise.resolve()
      .then(() => invoke(handlers, message.method, message.args))
      .then(
        (value) => send({ kind: "reply", id: message.id, ok: true, value }),
        (error: unknown) => {
          const { name, message: text } = error instanceof Error ? error : { name: "Error", message: String(error) };
          send({ kind: "reply", id: message.id, ok: false, error: { name, message: text } });
        },
      );
  });
  port.unref();
}

const slot = globalThis as unknown as { tollgateHostPort?: MessagePort; tollgateHostBridge?: HostBridge };

/**
 * Makes this thread the console's worker: `hostBridge()` answers with a bridge over `port` from now
 * on. scripts/next-worker.mjs calls it (through the console-thread bundle) before Next loads any of lib/.
 */
export function attachHostPort(port: MessagePort): void {
  slot.tollgateHostPort = port;
}

/**
 * The bridge to the host when this thread is the console's worker; null in the host and in
 * single-thread setups. One per thread: every copy of lib/ that Next bundles shares it (globalThis).
 */
export function hostBridge(): HostBridge | null {
  if (!slot.tollgateHostPort) return null;
  slot.tollgateHostBridge ??= new HostBridge(slot.tollgateHostPort);
  return slot.tollgateHostBridge;
}
