// The contract of the bridge between the console's thread and the main thread (host-bridge.ts):
// every method the console may call, with its arguments and its result, and every event the main
// thread sends back. Both ends are typed from this one interface, so renaming a method or changing
// an argument is a compile error on both sides instead of "unknown host method" at run time.
//
// Arguments and results cross by structured clone: plain data only (bigint and Date survive; class
// instances arrive as plain objects, functions not at all).
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import type { SharedStore } from "../store/shared-store";
import type { UsageEvent } from "../usage/usage-event";

/** The store operations the console runs on the main thread's store as they are: plain data in, plain data out. */
export type ForwardedStoreMethod =
  | "incrementWindow"
  | "get"
  | "set"
  | "delete"
  | "publish"
  | "admit"
  | "seedCounters"
  | "settle"
  | "renewReservation"
  | "readCounters"
  | "deleteCounters";

type ForwardedStoreMethods = { [M in ForwardedStoreMethod as `store.${M}`]: SharedStore[M] };

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** What the main thread answers. A method whose result is `void` may also be posted (fire-and-forget). */
export interface HostMethods extends ForwardedStoreMethods {
  /** Forward this channel's messages to the console's thread as "store.message" events (once per channel). */
  "store.subscribe"(channel: string): Promise<void>;
  /** Queue a usage record in the main thread's buffer (the playground's calls). */
  "usage.record"(event: UsageEvent): void;
  /** Write everything buffered so far, including what was posted before this call. */
  "usage.flush"(): Promise<void>;
  /** The usage ledger's state (memory, journal, failures), for /api/health. */
  "usage.ledger"(): LedgerState;
  /** The main thread's metrics registry, for /api/metrics (served by the console). */
  "metrics.json"(): Promise<MetricsJson>;
}

/** The usage ledger as /api/health reports it (lib/usage/usage-buffer.ts). */
export interface LedgerState {
  /** ok | degraded (records wait in memory or the journal; none lost) | failing (records are dropped) */
  health: "ok" | "degraded" | "failing";
  /** records in memory */
  pending: number;
  /** records in the local journal */
  journaled: number;
  /** records dropped since the process started */
  dropped: number;
  /** how long writes have been failing; 0 = they are not */
  failingForMs: number;
  /** why the journal could not be written last time; null = it could */
  journalError: string | null;
}

/** What the main thread tells the console's thread without being asked. */
export interface GuestEvents {
  "store.message": { channel: string; message: string };
}

export type HostMethodName = keyof HostMethods;
export type HostArgs<M extends HostMethodName> = Parameters<HostMethods[M]>;
export type HostResult<M extends HostMethodName> = Awaited<ReturnType<HostMethods[M]>>;
/** Methods with nothing to answer: they may be posted instead of called. */
export type PostableMethod = { [M in HostMethodName]: ReturnType<HostMethods[M]> extends void ? M : never }[HostMethodName];

/** The main thread's implementation of every method; `serveHostBridge` dispatches to it. */
export type HostHandlers = { [M in HostMethodName]: (...args: HostArgs<M>) => HostResult<M> | Promise<HostResult<M>> };

export type EmitToGuest = <E extends keyof GuestEvents>(name: E, payload: GuestEvents[E]) => void;
