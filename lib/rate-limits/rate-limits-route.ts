import { auditAdminChange } from "../audit/audit-admin-change";
import { canReadAll } from "../auth/rbac";
import { assertRateLimitNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { developerScopes } from "../quotas/scopes";
import { deleteRateLimitByScope, upsertRateLimit } from "./rate-limit-mutations";
import { listRateLimits } from "./rate-limit-queries";
import { deleteRateLimitQuerySchema, listRateLimitsQuerySchema, upsertRateLimitSchema } from "./schemas";

// GET /api/admin/rate-limits – list rate limits (filters: scope, scopeId); developers see only their own
export const GET = withAdminRoute({
  querySchema: listRateLimitsQuerySchema,
  fn: async ({ principal, query }) => {
    const visible = canReadAll(principal.role) ? undefined : await developerScopes(principal.orgId, principal.id);
    return listRateLimits({ orgId: principal.orgId, query, visible });
  },
});

// PUT /api/admin/rate-limits – create or replace the RPM/TPM limits of one key, user or team (201 when created)
export const PUT = withAdminRoute({
  roles: ["admin"],
  bodySchema: upsertRateLimitSchema,
  fn: async (context) => {
    await assertRateLimitNotManaged(context.principal.orgId, { scope: context.body.scope, scopeId: context.body.scopeId });
    const { rateLimit, before } = await upsertRateLimit({ orgId: context.principal.orgId, input: context.body });
    await auditAdminChange(context, { action: before ? "rate_limit.update" : "rate_limit.create", targetType: "rate_limit", targetId: rateLimit.id, before, after: rateLimit });
    return Response.json(rateLimit, { status: before ? 200 : 201, headers: { "cache-control": "no-store" } });
  },
});

// DELETE /api/admin/rate-limits?scope&scopeId – delete the limits of one key, user or team
export const DELETE = withAdminRoute({
  roles: ["admin"],
  querySchema: deleteRateLimitQuerySchema,
  fn: async (context) => {
    await assertRateLimitNotManaged(context.principal.orgId, context.query);
    const before = await deleteRateLimitByScope({ orgId: context.principal.orgId, ...context.query });
    await auditAdminChange(context, { action: "rate_limit.delete", targetType: "rate_limit", targetId: before.id, before });
    return before;
  },
});
