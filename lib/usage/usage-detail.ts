// One call of the log with everything the console's detail drawer shows, and its captured bodies
// when body capture was on. Bodies are shown to admins and to the user whose call it was; viewers
// read every call's figures but not what was said in it.
import type { AdminPrincipal } from "../principal/admin-principal";
import { canReadAll } from "../auth/rbac";
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { namesFor, usageRecordView } from "./usage-record-view";
import type { UsageDetail } from "./schemas";

type Attempt = UsageDetail["attemptLog"][number];

/** The stored attempt log (JSON written by routing); anything unreadable is left out rather than failing the page. */
function parseAttempts(text: string | null): Omit<Attempt, "deploymentName">[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((a: Record<string, unknown>) =>
      typeof a?.deploymentId === "string" && typeof a.status === "number"
        ? [{
            deploymentId: a.deploymentId, model: String(a.model ?? ""), status: a.status,
            errorType: typeof a.errorType === "string" ? a.errorType : null,
            upstreamStatus: typeof a.upstreamStatus === "number" ? a.upstreamStatus : null,
            latencyMs: typeof a.latencyMs === "number" ? Math.round(a.latencyMs) : 0,
          }]
        : [],
    );
  } catch {
    return [];
  }
}

async function deploymentNames(client: DbClient, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.deployment.findMany({ where: { orgId, id: { in: ids } }, select: { id: true, upstreamModel: true, provider: { select: { name: true } } } });
  return new Map(rows.map((d) => [d.id, `${d.provider.name} / ${d.upstreamModel}`]));
}

export async function getUsageDetail(options: { principal: AdminPrincipal; requestId: string; client?: DbClient }): Promise<UsageDetail> {
  const client = options.client ?? db();
  const { principal, requestId } = options;
  const row = await client.usageRecord.findFirst({ where: { requestId, orgId: principal.orgId } });
  // A developer asking for someone else's call gets the same 404 as for a call that does not exist.
  if (!row || (!canReadAll(principal.role) && row.userId !== principal.id)) throw new NotFoundError(`No call with request id "${requestId}".`, "not_found", "requestId");
  const seesBodies = principal.role === "admin" || row.userId === principal.id;
  const attempts = parseAttempts(row.attemptLog);
  const deploymentIds = [...new Set([row.deploymentId, ...attempts.map((a) => a.deploymentId)].filter((id): id is string => Boolean(id)))];
  const [names, capture, deployments] = await Promise.all([
    namesFor(client, [row]),
    client.capturedBody.findUnique({ where: { requestId }, select: { request: true, response: true, truncated: true, expiresAt: true } }),
    deploymentNames(client, principal.orgId, deploymentIds),
  ]);
  return {
    ...usageRecordView(row, names, capture !== null),
    keyPrefix: row.keyId ? (names.keys.get(row.keyId)?.prefix ?? null) : null,
    providerId: row.providerId,
    deploymentName: row.deploymentId ? (deployments.get(row.deploymentId) ?? null) : null,
    router: row.router,
    attemptLog: attempts.map((a) => ({ ...a, deploymentName: deployments.get(a.deploymentId) ?? null })),
    capture: capture && seesBodies ? { ...capture, expiresAt: capture.expiresAt.toISOString() } : null,
  };
}
