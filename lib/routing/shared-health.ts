// Circuit-breaker verdicts shared by every replica through the SharedStore: a process that ejects a
// deployment (or sees its half-open probe succeed) writes the verdict under a key and publishes it on
// "routing-health"; every process applies what it receives at once. Nothing is read on the request
// path: the keys are read only when a process loads the catalog or its subscription resyncs (Redis
// reconnected), to learn verdicts it could have missed.
import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import type { SharedStore } from "../store";
import type { EjectionReason } from "./breaker";

export const HEALTH_CHANNEL = "routing-health";

/** This thread's copy of the router, so it can skip its own announcements. */
export const REPLICA_ID = randomUUID();

export interface HealthVerdict {
  id: string;
  state: "open" | "closed";
  /** epoch ms the ejection lasts until (open only) */
  until: number;
  level: number;
  reason: EjectionReason | null;
  lastError: string | null;
  /** epoch ms the verdict was reached */
  at: number;
  from: string;
  /** an admin's restore (POST /api/admin/deployments/{id}/restore): closed, and the next ejection starts from the first cool-down */
  reset?: boolean;
}

const healthKey = (deploymentId: string) => `routing:health:${deploymentId}`;

export function parseVerdict(text: string | null): HealthVerdict | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<HealthVerdict>;
    if (typeof value.id !== "string" || (value.state !== "open" && value.state !== "closed")) return null;
    return {
      id: value.id,
      state: value.state,
      until: Number(value.until) || 0,
      level: Number(value.level) || 0,
      reason: (value.reason ?? null) as EjectionReason | null,
      lastError: typeof value.lastError === "string" ? value.lastError : null,
      at: Number(value.at) || 0,
      from: String(value.from ?? ""),
      ...(value.reset === true ? { reset: true } : {}),
    };
  } catch {
    return null;
  }
}

/** Stores and broadcasts a verdict; rejects when the store cannot be reached. */
export async function shareVerdict(store: SharedStore, verdict: HealthVerdict, keepMs: number): Promise<void> {
  const text = JSON.stringify(verdict);
  await store.set(healthKey(verdict.id), text, Math.max(1000, keepMs));
  await store.publish(HEALTH_CHANNEL, text);
}

/** Stores and broadcasts a verdict; kept long enough for a replica starting later to learn it. */
export async function announceVerdict(store: SharedStore, verdict: HealthVerdict, keepMs: number): Promise<void> {
  try {
    await shareVerdict(store, verdict, keepMs);
  } catch (error) {
    // This process applied it already; the others learn it from their own traffic meanwhile.
    logger().warn({ err: error, deploymentId: verdict.id }, "could not share a circuit-breaker verdict");
  }
}

/** The stored verdicts of these deployments (a resync or a catalog load). */
export async function readVerdicts(store: SharedStore, deploymentIds: readonly string[]): Promise<HealthVerdict[]> {
  const texts = await Promise.all(deploymentIds.map((id) => store.get(healthKey(id)).catch(() => null)));
  return texts.map(parseVerdict).filter((v): v is HealthVerdict => v !== null);
}

/**
 * One probe per cluster: after a cool-down every replica may want to send the half-open probe call;
 * the first to count this ejection's key sends it, the others keep skipping the deployment until the
 * verdict arrives. The key lapses after `leaseMs`, so a prober that died is replaced.
 */
export async function claimProbe(store: SharedStore, deploymentId: string, until: number, leaseMs: number): Promise<boolean> {
  try {
    const { count } = await store.incrementWindow(`routing:probe:${deploymentId}:${until}`, leaseMs);
    return count === 1;
  } catch {
    // Without the store, probe from here: at worst each replica sends one call.
    return true;
  }
}

/** The probe call ended without a verdict (its client left): another replica, or call, may probe. */
export function releaseProbe(store: SharedStore, deploymentId: string, until: number): void {
  store.delete(`routing:probe:${deploymentId}:${until}`).catch(() => {});
}

/** True for one caller per `windowMs` and key across the cluster (ejection history, active probes). */
export async function claimOnce(store: SharedStore, key: string, windowMs: number): Promise<boolean> {
  try {
    const { count } = await store.incrementWindow(key, Math.max(1, windowMs));
    return count === 1;
  } catch {
    return true;
  }
}
