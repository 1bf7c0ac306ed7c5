// In production the console (Next.js) runs in a worker thread and the proxy in the main thread, so
// Next's large heap and its AsyncLocalStorage hooks stay off the proxy's path (docs/architecture.md,
// "Threads"). The state the two must share — the in-process store (quota and rate-limit counters,
// pub/sub), the usage buffer, the metrics registry — stays in the main thread ("the host"); the
// console's thread reaches it through this bridge, one MessagePort between the two.
//
// Messages are plain data (structured clone). Calls are answered in order with the events the host
// emitted before answering, so an invalidation published through the bridge has reached every
// subscriber of both threads by the time the publisher's call resolves.
import type { MessagePort } from "node:worker_threads";

interface CallMessage {
  kind: "call";
  id: number;
  method: string;
  args: unknown[];
}
interface PostMessage {
  kind: "post";
  method: string;
  args: unknown[];
}
interface ReplyMessage {
  kind: "reply";
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}
interface EventMessage {
  kind: "event";
  name: string;
  payload: unknown;
}
type ToHost = CallMessage | PostMessage;
type ToGuest = ReplyMessage | EventMessage;

export type HostHandler = (...args: never[]) => unknown;
export type HostHandlers = Record<string, HostHandler>;

/** The console thread's end: calls into the host and hears its events. */
export class HostBridge {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly port: MessagePort) {
    port.on("message", (message: ToGuest) => this.receive(message));
    // The worker lives as long as the host wants it to; the port must not hold it open.
    port.unref();
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ kind: "call", id, method, args } satisfies CallMessage);
    });
  }

  /** Fire-and-forget; ordered with calls, so a later call's answer means this one was handled. */
  post(method: string, ...args: unknown[]): void {
    this.port.postMessage({ kind: "post", method, args } satisfies PostMessage);
  }

  on(name: string, listener: (payload: unknown) => void): void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
  }

  private receive(message: ToGuest): void {
    if (message.kind === "event") {
      for (const listener of this.listeners.get(message.name) ?? []) listener(message.payload);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(Object.assign(new Error(message.error?.message ?? "host call failed"), { name: message.error?.name ?? "Error" }));
  }
}

export type EmitToGuest = (name: string, payload: unknown) => void;

/** The host's end: answers calls with the handlers `makeHandlers` returns, given a way to emit events. */
export function serveHostBridge(port: MessagePort, makeHandlers: (emit: EmitToGuest) => HostHandlers): void {
  const send = (message: ToGuest) => port.postMessage(message);
  const handlers = makeHandlers((name, payload) => send({ kind: "event", name, payload }));
  port.on("message", (message: ToHost) => {
    const handler = handlers[message.method] as ((...args: unknown[]) => unknown) | undefined;
    if (message.kind === "post") {
      if (!handler) return;
      // A posted message has no one to answer; a failing handler must not take the host down.
      Promise.resolve()
        .then(() => handler(...message.args))
        .catch((error: unknown) => console.error(`[tollgate] host bridge: ${message.method} failed`, error));
      return;
    }
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown host method ${message.method}`);
        return handler(...message.args);
      })
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
 * The bridge to the host when this thread is the console's worker (scripts/next-worker.mjs puts the
 * port on globalThis before Next loads any of lib/); null in the host and in single-thread setups.
 * One per thread: every copy of lib/ that Next bundles shares it.
 */
export function hostBridge(): HostBridge | null {
  if (!slot.tollgateHostPort) return null;
  slot.tollgateHostBridge ??= new HostBridge(slot.tollgateHostPort);
  return slot.tollgateHostBridge;
}
