// The things quotas and rate limits are attached to: checking that one exists (a typo must be a
// 404, not a quota on nothing), naming them for the console, and what a developer may look at.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { TIERS, type QuotaScope } from "./schemas";

export async function assertScopeExists(options: { orgId: string; scope: QuotaScope; scopeId: string; client?: DbClient }): Promise<void> {
  const client = options.client ?? db();
  const { orgId, scope, scopeId } = options;
  const where = { id: scopeId, orgId };
  const found =
    scope === "key" ? await client.apiKey.count({ where })
    : scope === "user" ? await client.user.count({ where })
    : scope === "team" ? await client.team.count({ where })
    : scope === "org" ? Number(scopeId === orgId)
    : Number((TIERS as readonly string[]).includes(scopeId));
  if (!found) {
    const hint = scope === "tier" ? ` Tiers are ${TIERS.join(", ")}.` : scope === "org" ? " Use this organization's id." : "";
    throw new NotFoundError(`No ${scope} with id "${scopeId}".${hint}`, "not_found", "scopeId");
  }
}

/** Display names by `${scope}:${scopeId}`, in one query per scope kind. */
export async function scopeNames(orgId: string, items: readonly { scope: string; scopeId: string }[], client: DbClient = db()): Promise<Map<string, string>> {
  const ids = (scope: string) => [...new Set(items.filter((i) => i.scope === scope).map((i) => i.scopeId))];
  const [keys, users, teams, orgs] = await Promise.all([
    ids("key").length ? client.apiKey.findMany({ where: { orgId, id: { in: ids("key") } }, select: { id: true, name: true, prefix: true } }) : [],
    ids("user").length ? client.user.findMany({ where: { orgId, id: { in: ids("user") } }, select: { id: true, email: true } }) : [],
    ids("team").length ? client.team.findMany({ where: { orgId, id: { in: ids("team") } }, select: { id: true, name: true } }) : [],
    ids("org").length ? client.organization.findMany({ where: { id: { in: ids("org") } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map<string, string>();
  for (const k of keys) names.set(`key:${k.id}`, `${k.name} (${k.prefix}…)`);
  for (const u of users) names.set(`user:${u.id}`, u.email);
  for (const t of teams) names.set(`team:${t.id}`, t.name);
  for (const o of orgs) names.set(`org:${o.id}`, o.name);
  for (const tier of ids("tier")) names.set(`tier:${tier}`, tier);
  return names;
}

export interface VisibleScopes {
  key: string[];
  user: string[];
  team: string[];
  org: string[];
  tier: string[];
}

/** What a developer may read quotas and limits of: their own user, keys, team, tier, and the org. */
export async function developerScopes(orgId: string, userId: string, client: DbClient = db()): Promise<VisibleScopes> {
  const user = await client.user.findFirst({ where: { id: userId, orgId }, select: { teamId: true, tier: true, apiKeys: { select: { id: true } } } });
  return {
    key: user?.apiKeys.map((k) => k.id) ?? [],
    user: [userId],
    team: user?.teamId ? [user.teamId] : [],
    org: [orgId],
    tier: user ? [user.tier] : [],
  };
}

/** A Prisma `where` fragment limiting rows with (scope, scopeId) columns to the visible scopes. */
export function visibleScopeFilter(visible: VisibleScopes) {
  return { OR: (Object.entries(visible) as [string, string[]][]).filter(([, ids]) => ids.length > 0).map(([scope, ids]) => ({ scope, scopeId: { in: ids } })) };
}
