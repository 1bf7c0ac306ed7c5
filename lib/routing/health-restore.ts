// An admin's restore (POST /api/admin/deployments/{id}/restore): ends a deployment's ejection now
// and resets its circuit breaker (failure streak, error-rate window, and the doubling of the next
// cool-down) on every replica. It is a verdict like the breaker's own (shared-health.ts): stored
// under the same key the Health API and a starting replica read, and published on the same channel
// every registry applies at once. The admin's draining or disabled state is left as it is.
import { db } from "../db";
import { HttpError, NotFoundError } from "../http/errors";
import { logger } from "../logger";
import { sharedStore } from "../store";
import { ejectionLogKey } from "./ejection-log";
import type { DeploymentRestore } from "./health-schemas";
import { routingSettings } from "./routing-settings";
import { readVerdicts, shareVerdict } from "./shared-health";
import type { DeploymentAdminState } from "./types";

/** The `from` of a restore verdict: no replica's id, so every registry (this thread's too) applies it. */
export const RESTORED_BY_ADMIN = "admin";

export async function restoreDeployment(options: { orgId: string; id: string; now?: number }): Promise<DeploymentRestore> {
  const now = options.now ?? Date.now();
  const deployment = await db().deployment.findFirst({
    where: { id: options.id, orgId: options.orgId },
    select: { id: true, upstreamModel: true, state: true, model: { select: { name: true } }, provider: { select: { name: true } } },
  });
  if (!deployment) throw new NotFoundError(`Deployment ${options.id} not found.`);
  const store = sharedStore();
  const [before] = await readVerdicts(store, [deployment.id]);
  const open = before?.state === "open";
  const previousState = !open ? "healthy" : before.until > now ? "ejected" : "half-open";
  try {
    // An ejection right after the restore is a new one: the history must list it.
    await store.delete(ejectionLogKey(deployment.id));
    await shareVerdict(
      store,
      { id: deployment.id, state: "closed", until: 0, level: 0, reason: null, lastError: null, at: now, from: RESTORED_BY_ADMIN, reset: true },
      routingSettings().breaker.maxCooldownMs,
    );
  } catch (error) {
    logger().warn({ err: error, deploymentId: deployment.id }, "could not share a deployment's restore");
    const unavailable = new HttpError(503, "The shared store (Redis) cannot be reached, so the replicas cannot be told: the deployment was not restored. Retry in a few seconds.", "api_error", "store_unavailable", null, { "retry-after": "5" });
    unavailable.retryable = true;
    unavailable.retryAfterSeconds = 5;
    throw unavailable;
  }
  const adminState = deployment.state as DeploymentAdminState;
  return {
    id: deployment.id,
    model: deployment.model.name,
    provider: deployment.provider.name,
    upstreamModel: deployment.upstreamModel,
    previousState,
    previousEjectedUntil: open ? new Date(before.until).toISOString() : null,
    restored: open,
    state: adminState === "active" ? "healthy" : adminState,
  };
}
