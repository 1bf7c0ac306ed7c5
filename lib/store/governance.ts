// The shapes of the governance operations every SharedStore implements: quota counters with
// reservations, and sliding one-minute rate windows. One `admit` call checks and books both,
// all or nothing, so a request costs one store round-trip to be admitted and one to be settled.
// Money is integer micro-dollars; every number here is an integer well below 2^53.

export interface Amounts {
  calls: number;
  tokens: number;
  /** micro-dollars */
  cost: number;
}

export const AMOUNT_KINDS = ["calls", "tokens", "cost"] as const;
export type AmountKind = (typeof AMOUNT_KINDS)[number];

/** Rate windows slide over the last minute. */
export const RATE_WINDOW_MS = 60_000;

/** One quota counter (scope × period) and the limits that apply to it right now. */
export interface QuotaCounterSpec {
  /** e.g. `quota:<org>:user:<id>:daily:2026-11-23` */
  key: string;
  /** per kind; null = not limited (the counter still counts it) */
  limits: { calls: number | null; tokens: number | null; cost: number | null };
  /** epoch ms after which the counter may be dropped; null = never (period "total") */
  expireAt: number | null;
}

/** One sliding window: at most `limit` weight in any RATE_WINDOW_MS. */
export interface RateWindowSpec {
  /** e.g. `rate:<org>:key:<id>:rpm` */
  key: string;
  limit: number;
  /** 1 for requests, the token estimate for tokens */
  weight: number;
}

export interface AdmitRequest {
  /** the request id; names the reservation and the window entries */
  id: string;
  now: number;
  /** how long the reservation holds if it is never settled (a crashed process) */
  holdMs: number;
  /** the worst case this call may use */
  ask: Amounts;
  counters: QuotaCounterSpec[];
  windows: RateWindowSpec[];
}

export interface WindowState {
  limit: number;
  remaining: number;
  /** ms until the oldest entry leaves the window, i.e. until capacity starts coming back */
  resetMs: number;
}

export type AdmitResult =
  | { outcome: "admitted"; windows: WindowState[] }
  /** some counters do not exist yet: seed them (seedCounters) and ask again; nothing was booked */
  | { outcome: "unseeded"; missing: string[] }
  /** `used` is settled usage, `reserved` what in-flight calls hold; nothing was booked */
  | { outcome: "quota"; counter: number; kind: AmountKind; used: number; reserved: number; limit: number }
  | { outcome: "rate"; window: number; retryAfterMs: number; windows: WindowState[] };

export interface CounterSeed {
  key: string;
  used: Amounts;
  expireAt: number | null;
}

export interface SettleRequest {
  id: string;
  /** counters that hold this call's reservation (released) */
  reservedIn: readonly string[];
  /** counters the real usage is added to: the period of the usage record (skipped when absent) */
  chargeTo: readonly string[];
  usage: Amounts;
  /** windows whose entry for this call should now weigh `weight` (tokens: the real count) */
  windows: { key: string; weight: number }[];
}

export interface CounterState {
  used: Amounts;
  reserved: Amounts;
}

/** The governance half of SharedStore. */
export interface GovernanceStore {
  admit(request: AdmitRequest): Promise<AdmitResult>;
  /**
   * Creates each counter that does not exist yet (set-if-absent: replicas never double-seed).
   * Expiry is relative to `now`, so a caller's injected clock and the store agree.
   */
  seedCounters(seeds: CounterSeed[], now: number): Promise<void>;
  settle(request: SettleRequest): Promise<void>;
  /** Pushes a live reservation's expiry to now + holdMs (long streams). */
  renewReservation(id: string, keys: readonly string[], now: number, holdMs: number): Promise<void>;
  /** Current state (expired reservations dropped); null for a counter that does not exist. */
  readCounters(keys: string[], now: number): Promise<(CounterState | null)[]>;
  deleteCounters(keys: string[]): Promise<void>;
}

/**
 * The governance operations of a store held in this process (MemoryStore), called synchronously:
 * the same semantics as GovernanceStore's, without a promise per step on the proxy's hot path.
 * A store shared between replicas (Redis) or reached through a thread (HostStore) has none.
 */
export interface SyncGovernance {
  admitNow(request: AdmitRequest): AdmitResult;
  settleNow(request: SettleRequest): void;
  renewNow(id: string, keys: readonly string[], now: number, holdMs: number): void;
}

export const ZERO: Amounts = Object.freeze({ calls: 0, tokens: 0, cost: 0 });
