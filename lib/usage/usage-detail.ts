// One call of the log with everything the console's detail drawer shows, and its captured bodies
// when body capture was on. Bodies are shown to admins and to the user whose call it was; viewers
// read every call's figures but not what was said in it.
import type { Principal } from "../auth/admin-principal";
import { canReadAll } from "../auth/rbac";
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { namesFor, usageRecordView } from "./usage-record-view";
import type { UsageDetail } from "./schemas";

export async function getUsageDetail(options: { principal: Principal; requestId: string; client?: DbClient }): Promise<UsageDetail> {
  const client = options.client ?? db();
  const { principal, requestId } = options;
  const row = await client.usageRecord.findFirst({ where: { requestId, orgId: principal.orgId } });
  // A developer asking for someone else's call gets the same 404 as for a call that does not exist.
  if (!row || (!canReadAll(principal.role) && row.userId !== principal.id)) throw new NotFoundError(`No call with request id "${requestId}".`, "not_found", "requestId");
  const seesBodies = principal.role === "admin" || row.userId === principal.id;
  const [names, capture] = await Promise.all([
    namesFor(client, [row]),
    client.capturedBody.findUnique({ where: { requestId }, select: { request: true, response: true, truncated: true, expiresAt: true } }),
  ]);
  return {
    ...usageRecordView(row, names, capture !== null),
    keyPrefix: row.keyId ? (names.keys.get(row.keyId)?.prefix ?? null) : null,
    providerId: row.providerId,
    capture: capture && seesBodies ? { ...capture, expiresAt: capture.expiresAt.toISOString() } : null,
  };
}
