import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { cancelWarmupJob } from "./warmup-job-mutations";
import { getWarmupJobOrThrow } from "./warmup-job-queries";

// POST /api/admin/cache/warmups/{id}/cancel – nothing more is sent; items in flight finish (409 once the job has ended)
export const POST = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    const { principal, params } = context;
    const before = await getWarmupJobOrThrow({ orgId: principal.orgId, id: params.id });
    await cancelWarmupJob({ orgId: principal.orgId, id: params.id });
    const after = await getWarmupJobOrThrow({ orgId: principal.orgId, id: params.id });
    if (before.status !== "cancelled") {
      await auditAdminChange(context, { action: "cache_warmup.cancel", targetType: "cache_warmup", targetId: after.id, before: { status: before.status }, after: { status: after.status, skipped: after.skipped } });
    }
    return after;
  },
});
