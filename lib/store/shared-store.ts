// Everything replicas must agree on goes through this interface: in-process for the embedded
// shape, Redis when REDIS_URL is set. Callers never know which one they hold.
import type { GovernanceStore, SyncGovernance } from "./governance";

/** Key/value, windowed counters and pub/sub, plus the quota and rate-limit operations (governance.ts). */
export interface SharedStore extends GovernanceStore {
  readonly kind: "memory" | "redis";
  /** Set only when the quota counters live in this thread (MemoryStore): admission then runs synchronously. */
  readonly syncGovernance?: SyncGovernance;
  /** Increment a counter that expires `ttlMs` after its first increment; returns the new value. */
  incrementWindow(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Broadcast to every replica (including this one). Rejects when the store cannot be reached; a
   * message that could not be sent is sent again once it can (subscribers must be idempotent).
   */
  publish(channel: string, message: string): Promise<void>;
  /**
   * `onMessage` for every message on `channel`. `onResync` whenever messages may have been missed:
   * each time the subscription is (re-)established, the first time included, so state built before
   * it must be rebuilt from the source of truth. A subscriber that keeps state derived from the
   * messages (a cache) must pass it: with Redis, messages published while it was disconnected are
   * lost. Resolves once subscribed.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onResync?: () => void): Promise<void>;
  /**
   * Every message published on `channel` before this instant (ms since the epoch, this process's
   * clock) has been delivered to this process's subscribers, or covered by an `onResync`. Infinity
   * when delivery cannot be missed (in-process); it stops advancing while the channel is down.
   */
  deliveredThrough(channel: string): number;
  close(): Promise<void>;
}
