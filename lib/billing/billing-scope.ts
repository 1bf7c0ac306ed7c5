// Who a billing report is about, and whether the caller may see it. Admins and viewers may ask for
// any scope; a developer only for themselves (scope=user) or one of their own keys (scope=key).
import type { AdminPrincipal } from "../principal/admin-principal";
import { canReadAll } from "../auth/rbac";
import type { DbClient } from "../db";
import { ForbiddenError, NotFoundError } from "../http/errors";
import type { BillingScope } from "./schemas";

/** Rollup columns the report filters on ("" in a rollup means none, so an id never matches it). */
export type ScopeFilter = { userId?: string; teamId?: string; keyId?: string };

export interface ResolvedBillingScope {
  scope: BillingScope;
  scopeId: string;
  scopeName: string;
  organization: { id: string; name: string };
  filter: ScopeFilter;
}

const DEVELOPER_SCOPES = "Developers may only request scope=user with their own id, or scope=key for one of their own keys.";

function notFound(what: string, id: string): NotFoundError {
  return new NotFoundError(`${what} ${id} not found.`, "not_found", "scopeId");
}

async function resolveTarget(
  client: DbClient,
  principal: AdminPrincipal,
  scope: BillingScope,
  scopeId: string | undefined,
): Promise<{ scopeId: string; scopeName?: string; filter: ScopeFilter }> {
  const orgId = principal.orgId;
  const everything = canReadAll(principal.role);
  // The schema already requires scopeId for every scope but org.
  const id = scopeId ?? "";
  switch (scope) {
    case "org":
      if (!everything) throw new ForbiddenError(DEVELOPER_SCOPES);
      if (scopeId !== undefined && scopeId !== orgId) throw notFound("Organization", scopeId);
      return { scopeId: orgId, filter: {} };
    case "team": {
      if (!everything) throw new ForbiddenError(DEVELOPER_SCOPES);
      const team = await client.team.findFirst({ where: { id, orgId }, select: { name: true } });
      if (!team) throw notFound("Team", id);
      return { scopeId: id, scopeName: team.name, filter: { teamId: id } };
    }
    case "user": {
      if (!everything && id !== principal.id) throw new ForbiddenError(DEVELOPER_SCOPES);
      const user = await client.user.findFirst({ where: { id, orgId }, select: { email: true } });
      if (!user) throw notFound("User", id);
      return { scopeId: id, scopeName: user.email, filter: { userId: id } };
    }
    case "key": {
      const key = await client.apiKey.findFirst({ where: { id, orgId }, select: { name: true, userId: true } });
      if (!key) throw notFound("Key", id);
      if (!everything && key.userId !== principal.id) throw new ForbiddenError(DEVELOPER_SCOPES);
      return { scopeId: id, scopeName: key.name, filter: { keyId: id } };
    }
  }
}

export async function resolveBillingScope(options: {
  client: DbClient;
  principal: AdminPrincipal;
  scope: BillingScope;
  scopeId?: string;
}): Promise<ResolvedBillingScope> {
  const { client, principal, scope } = options;
  const target = await resolveTarget(client, principal, scope, options.scopeId);
  const org = await client.organization.findUnique({ where: { id: principal.orgId }, select: { id: true, name: true } });
  const organization = org ?? { id: principal.orgId, name: "" };
  return { scope, scopeId: target.scopeId, scopeName: target.scopeName ?? organization.name, organization, filter: target.filter };
}
