// The ejection history the Health page lists: one DeploymentEjection row per ejection, written off
// the request path by one replica (several may reach the same verdict within milliseconds).
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";
import type { Ejection } from "./breaker";
import { claimOnce } from "./shared-health";

export interface DeploymentMeta {
  id: string;
  orgId: string;
  modelName: string;
  providerName: string;
}

/** Held for a moment after an ejection is logged, so the replicas reaching the same verdict log it once. */
export const ejectionLogKey = (deploymentId: string) => `routing:ejection-log:${deploymentId}`;

export function logEjection(meta: DeploymentMeta, ejection: Ejection, now: number, cooldownMs: number): void {
  // Two replicas ejecting the same deployment do so within a fraction of a cool-down of each other.
  const dedupeMs = Math.max(50, Math.floor(cooldownMs / 2));
  void claimOnce(sharedStore(), ejectionLogKey(meta.id), dedupeMs)
    .then((mine) => {
      if (!mine) return;
      return db().deploymentEjection.create({
        data: {
          orgId: meta.orgId,
          deploymentId: meta.id,
          model: meta.modelName,
          provider: meta.providerName,
          ejectedAt: new Date(now),
          until: new Date(ejection.until),
          reason: ejection.reason,
          lastError: ejection.lastError?.slice(0, 500) ?? null,
        },
      });
    })
    .catch((error: unknown) => logger().warn({ err: error, deploymentId: meta.id }, "could not record a deployment ejection"));
}
