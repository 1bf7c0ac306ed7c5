import { auditAdminChange } from "../audit/audit-admin-change";
import { assertQuotaNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { deleteQuota } from "./quota-mutations";

// DELETE /api/admin/quotas/{id} – delete one quota
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    await assertQuotaNotManaged(context.principal.orgId, { id: context.params.id });
    const before = await deleteQuota({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "quota.delete", targetType: "quota", targetId: before.id, before });
    return before;
  },
});
