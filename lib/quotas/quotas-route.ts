import { auditAdminChange } from "../audit/audit-admin-change";
import { canReadAll } from "../auth/rbac";
import { assertQuotaNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { deleteQuotaByScope, upsertQuota } from "./quota-mutations";
import { listQuotas } from "./quota-queries";
import { deleteQuotaQuerySchema, listQuotasQuerySchema, upsertQuotaSchema } from "./schemas";
import { developerScopes } from "./scopes";

// GET /api/admin/quotas – list quotas (filters: scope, scopeId, period); developers see only their own
export const GET = withAdminRoute({
  querySchema: listQuotasQuerySchema,
  fn: async ({ principal, query }) => {
    const visible = canReadAll(principal.role) ? undefined : await developerScopes(principal.orgId, principal.id);
    return listQuotas({ orgId: principal.orgId, query, visible });
  },
});

// PUT /api/admin/quotas – create or replace the quota of one scope and period (201 when created)
export const PUT = withAdminRoute({
  roles: ["admin"],
  bodySchema: upsertQuotaSchema,
  fn: async (context) => {
    const { scope, scopeId, period } = context.body;
    await assertQuotaNotManaged(context.principal.orgId, { scope, scopeId, period });
    const { quota, before } = await upsertQuota({ orgId: context.principal.orgId, input: context.body });
    await auditAdminChange(context, { action: before ? "quota.update" : "quota.create", targetType: "quota", targetId: quota.id, before, after: quota });
    return Response.json(quota, { status: before ? 200 : 201, headers: { "cache-control": "no-store" } });
  },
});

// DELETE /api/admin/quotas?scope&scopeId&period – delete the quota of one scope and period
export const DELETE = withAdminRoute({
  roles: ["admin"],
  querySchema: deleteQuotaQuerySchema,
  fn: async (context) => {
    await assertQuotaNotManaged(context.principal.orgId, context.query);
    const before = await deleteQuotaByScope({ orgId: context.principal.orgId, ...context.query });
    await auditAdminChange(context, { action: "quota.delete", targetType: "quota", targetId: before.id, before });
    return before;
  },
});
