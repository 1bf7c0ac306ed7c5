// In-process quota counters and rate windows. Every method body is synchronous JavaScript, so
// each operation is atomic within the process without locks; the semantics mirror the Redis Lua
// scripts in redis-governance.ts exactly (the shared contract test runs against both).
import {
  AMOUNT_KINDS,
  RATE_WINDOW_MS,
  type AdmitRequest,
  type AdmitResult,
  type Amounts,
  type CounterSeed,
  type CounterState,
  type GovernanceStore,
  type SettleRequest,
  type SyncGovernance,
  type WindowState,
} from "./governance";

interface Counter {
  used: Amounts;
  reserved: Amounts;
  /** request id -> what it holds and until when */
  holds: Map<string, { amounts: Amounts; until: number }>;
  /** no hold expires before this (a lower bound), so most reads skip the scan */
  nextExpiry: number;
  /** wall-clock epoch ms (like a Redis PEXPIRE), whatever clock the callers inject */
  dropAt: number;
}

interface WindowEntry {
  id: string;
  at: number;
  weight: number;
}

interface Window {
  /** in arrival order (callers pass a non-decreasing clock); `head` entries before it are gone */
  entries: WindowEntry[];
  head: number;
  /** live entries by request id, for settling */
  byId: Map<string, WindowEntry>;
  sum: number;
  /** wall-clock ms of the last write, for the idle sweep */
  touchedAt: number;
}

function subtract(into: Amounts, amounts: Amounts): void {
  into.calls -= amounts.calls;
  into.tokens -= amounts.tokens;
  into.cost -= amounts.cost;
}

function add(into: Amounts, amounts: Amounts): void {
  into.calls += amounts.calls;
  into.tokens += amounts.tokens;
  into.cost += amounts.cost;
}

export class MemoryGovernance implements GovernanceStore, SyncGovernance {
  private readonly counters = new Map<string, Counter>();
  private readonly windows = new Map<string, Window>();

  private counter(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (!counter) return undefined;
    if (counter.dropAt <= Date.now()) {
      this.counters.delete(key);
      return undefined;
    }
    if (now < counter.nextExpiry) return counter;
    let next = Infinity;
    for (const [id, hold] of counter.holds) {
      if (hold.until > now) {
        next = Math.min(next, hold.until);
        continue;
      }
      subtract(counter.reserved, hold.amounts);
      counter.holds.delete(id);
    }
    counter.nextExpiry = next;
    return counter;
  }

  private window(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window) {
      window = { entries: [], head: 0, byId: new Map(), sum: 0, touchedAt: Date.now() };
      this.windows.set(key, window);
    }
    const { entries } = window;
    while (window.head < entries.length && entries[window.head].at <= now - RATE_WINDOW_MS) {
      const gone = entries[window.head++];
      window.sum -= gone.weight;
      window.byId.delete(gone.id);
    }
    // Compact now and then rather than shifting the array on every expiry.
    if (window.head > 1024 && window.head * 2 > entries.length) {
      window.entries = entries.slice(window.head);
      window.head = 0;
    }
    return window;
  }

  private static state(window: Window, limit: number, now: number): WindowState {
    const oldest = window.entries[window.head];
    return { limit, remaining: Math.max(0, limit - window.sum), resetMs: oldest ? oldest.at + RATE_WINDOW_MS - now : 0 };
  }

  /** When enough of the window's weight will have left it for `weight` more to fit. */
  private static retryAfter(window: Window, limit: number, weight: number, now: number): number {
    if (weight > limit) return RATE_WINDOW_MS;
    let left = window.sum;
    for (let i = window.head; i < window.entries.length; i++) {
      const entry = window.entries[i];
      left -= entry.weight;
      if (left + weight <= limit) return entry.at + RATE_WINDOW_MS - now;
    }
    return RATE_WINDOW_MS;
  }

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    return this.admitNow(request);
  }

  admitNow(request: AdmitRequest): AdmitResult {
    const { now, ask } = request;
    const counters: Counter[] = [];
    const missing: string[] = [];
    for (const spec of request.counters) {
      const counter = this.counter(spec.key, now);
      if (counter) counters.push(counter);
      else missing.push(spec.key);
    }
    if (missing.length > 0) return { outcome: "unseeded", missing };

    for (let i = 0; i < counters.length; i++) {
      const { used, reserved } = counters[i];
      for (const kind of AMOUNT_KINDS) {
        const limit = request.counters[i].limits[kind];
        if (limit !== null && used[kind] + reserved[kind] + ask[kind] > limit) {
          return { outcome: "quota", counter: i, kind, used: used[kind], reserved: reserved[kind], limit };
        }
      }
    }

    const windows = request.windows.map((spec) => this.window(spec.key, now));
    for (let j = 0; j < windows.length; j++) {
      const { limit, weight } = request.windows[j];
      if (windows[j].sum + weight > limit) {
        return {
          outcome: "rate",
          window: j,
          retryAfterMs: MemoryGovernance.retryAfter(windows[j], limit, weight, now),
          windows: windows.map((w, k) => MemoryGovernance.state(w, request.windows[k].limit, now)),
        };
      }
    }

    for (let i = 0; i < counters.length; i++) {
      const amounts = { ...ask };
      counters[i].holds.set(request.id, { amounts, until: now + request.holdMs });
      counters[i].nextExpiry = Math.min(counters[i].nextExpiry, now + request.holdMs);
      add(counters[i].reserved, amounts);
    }
    for (let j = 0; j < windows.length; j++) {
      const entry = { id: request.id, at: now, weight: request.windows[j].weight };
      windows[j].entries.push(entry);
      windows[j].byId.set(entry.id, entry);
      windows[j].sum += entry.weight;
      windows[j].touchedAt = Date.now();
    }
    return { outcome: "admitted", windows: windows.map((w, j) => MemoryGovernance.state(w, request.windows[j].limit, now)) };
  }

  async seedCounters(seeds: CounterSeed[], now: number): Promise<void> {
    for (const seed of seeds) {
      if (this.counter(seed.key, now)) continue;
      const dropAt = seed.expireAt === null ? Infinity : Date.now() + Math.max(0, seed.expireAt - now);
      this.counters.set(seed.key, { used: { ...seed.used }, reserved: { calls: 0, tokens: 0, cost: 0 }, holds: new Map(), nextExpiry: Infinity, dropAt });
    }
  }

  async settle(request: SettleRequest): Promise<void> {
    this.settleNow(request);
  }

  settleNow(request: SettleRequest): void {
    for (const key of request.reservedIn) {
      const counter = this.counters.get(key);
      const hold = counter?.holds.get(request.id);
      if (!counter || !hold) continue;
      subtract(counter.reserved, hold.amounts);
      counter.holds.delete(request.id);
    }
    for (const key of request.chargeTo) {
      const counter = this.counters.get(key);
      if (counter) add(counter.used, request.usage);
    }
    for (const { key, weight } of request.windows) {
      const window = this.windows.get(key);
      const entry = window?.byId.get(request.id);
      if (!window || !entry) continue;
      window.sum += weight - entry.weight;
      entry.weight = weight;
    }
  }

  async renewReservation(id: string, keys: readonly string[], now: number, holdMs: number): Promise<void> {
    this.renewNow(id, keys, now, holdMs);
  }

  renewNow(id: string, keys: readonly string[], now: number, holdMs: number): void {
    for (const key of keys) {
      const hold = this.counters.get(key)?.holds.get(id);
      if (hold) hold.until = now + holdMs;
    }
  }

  async readCounters(keys: string[], now: number): Promise<(CounterState | null)[]> {
    return keys.map((key) => {
      const counter = this.counter(key, now);
      return counter ? { used: { ...counter.used }, reserved: { ...counter.reserved } } : null;
    });
  }

  async deleteCounters(keys: string[]): Promise<void> {
    for (const key of keys) this.counters.delete(key);
  }

  /** Drops expired counters and idle windows; called by the owning store's sweeper. */
  sweep(): void {
    const now = Date.now();
    for (const [key, counter] of this.counters) if (counter.dropAt <= now) this.counters.delete(key);
    for (const [key, window] of this.windows) {
      if (window.touchedAt <= now - 2 * RATE_WINDOW_MS) this.windows.delete(key);
    }
  }

  clear(): void {
    this.counters.clear();
    this.windows.clear();
  }
}
