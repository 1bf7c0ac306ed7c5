import { canReadAll } from "../auth/rbac";
import { withAdminRoute } from "../http/admin-route";
import { ForbiddenError, ValidationError } from "../http/errors";
import { microsToDollars } from "../usage/money";
import { getQuotaStatus } from "./quota-status";
import { quotaStatusQuerySchema, type QuotaStatus } from "./schemas";
import { assertScopeExists, developerScopes, scopeNames } from "./scopes";

// GET /api/admin/quotas/status?scope&scopeId – used / limit / remaining / resetsAt per limit
export const GET = withAdminRoute({
  querySchema: quotaStatusQuerySchema,
  fn: async ({ principal, query }): Promise<QuotaStatus> => {
    const { orgId } = principal;
    const scopeId = query.scopeId ?? (query.scope === "org" ? orgId : undefined);
    if (!scopeId) throw new ValidationError(`scopeId: is required for scope "${query.scope}".`, "scopeId");
    await assertScopeExists({ orgId, scope: query.scope, scopeId });
    if (!canReadAll(principal.role) && !(await developerScopes(orgId, principal.id))[query.scope].includes(scopeId)) {
      throw new ForbiddenError("Developers can only see the quotas of their own user, keys, team and organization.");
    }
    const limits = await getQuotaStatus(orgId, query.scope, scopeId);
    const names = await scopeNames(orgId, [{ scope: query.scope, scopeId }]);
    const dollars = (kind: string, value: number) => (kind === "cost" ? microsToDollars(value) : value);
    return {
      scope: query.scope,
      scopeId,
      scopeName: names.get(`${query.scope}:${scopeId}`) ?? null,
      limits: limits.map((l) => ({ ...l, used: dollars(l.kind, l.used), limit: dollars(l.kind, l.limit), remaining: dollars(l.kind, l.remaining) })),
    };
  },
});
