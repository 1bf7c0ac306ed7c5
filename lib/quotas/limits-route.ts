import { canReadAll } from "../auth/rbac";
import type { AdminPrincipal } from "../principal/admin-principal";
import { withAdminRoute } from "../http/admin-route";
import { ForbiddenError, NotFoundError } from "../http/errors";
import { microsToDollars } from "../usage/money";
import { getEffectiveLimits, type EffectiveLimits, type LimitSubjectScope } from "./effective-limits";
import { limitsQuerySchema, type EffectiveLimitsBody } from "./schemas";
import { developerScopes } from "./scopes";

/** The API speaks dollars: cost quotas (and near-limit entries about cost) leave in dollars. */
function inDollars(limits: EffectiveLimits): EffectiveLimitsBody {
  const dollars = <T extends { used: number; limit: number }>(item: T, cost: boolean): T =>
    cost ? { ...item, used: microsToDollars(item.used), limit: microsToDollars(item.limit), ...("remaining" in item ? { remaining: microsToDollars(item.remaining as number) } : {}) } : item;
  return {
    ...limits,
    quotas: limits.quotas.map((q) => dollars(q, q.kind === "cost")),
    near: limits.near.map((n) => dollars(n, n.what.endsWith("cost"))),
  };
}

async function limitsFor(principal: AdminPrincipal, scope: LimitSubjectScope, id: string): Promise<EffectiveLimitsBody> {
  if (!canReadAll(principal.role) && !(await developerScopes(principal.orgId, principal.id))[scope].includes(id)) {
    throw new ForbiddenError("Developers can only see the limits of their own user, keys and team.");
  }
  return inDollars(await getEffectiveLimits({ orgId: principal.orgId, scope, id }));
}

// GET /api/admin/limits?scope&id – every quota and rate limit that applies to a key, user or team, with used, remaining and resets
export const GET = withAdminRoute({
  querySchema: limitsQuerySchema,
  fn: ({ principal, query }) => limitsFor(principal, query.scope, query.id),
});

// GET /api/admin/me/limits – the signed-in user's own limits
export const GET_ME = withAdminRoute({
  fn: ({ principal }) => {
    if (principal.via === "admin-api-key") throw new NotFoundError("The admin API key is not a user; ask for /api/admin/limits?scope=user&id=… instead.", "not_found");
    return limitsFor(principal, "user", principal.id);
  },
});
