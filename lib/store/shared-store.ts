// Everything replicas must agree on goes through this interface: in-process for the embedded
// shape, Redis when REDIS_URL is set. Callers never know which one they hold.
import type { GovernanceStore } from "./governance";

/** Key/value, windowed counters and pub/sub, plus the quota and rate-limit operations (governance.ts). */
export interface SharedStore extends GovernanceStore {
  readonly kind: "memory" | "redis";
  /** Increment a counter that expires `ttlMs` after its first increment; returns the new value. */
  incrementWindow(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Fire-and-forget broadcast to every replica (including this one). */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}
