import { auditAdminChange } from "../audit/audit-admin-change";
import { assertRateLimitNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { deleteRateLimit } from "./rate-limit-mutations";

// DELETE /api/admin/rate-limits/{id} – delete one rate limit
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    await assertRateLimitNotManaged(context.principal.orgId, { id: context.params.id });
    const before = await deleteRateLimit({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "rate_limit.delete", targetType: "rate_limit", targetId: before.id, before });
    return before;
  },
});
