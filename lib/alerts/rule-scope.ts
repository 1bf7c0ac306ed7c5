// What a rule watches: one key, user or team of the organization, or the organization itself.
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import type { AlertScope } from "./alert-kinds";

/** The scope id to store; throws a 422 on `scopeId` when the target is not in the organization. */
export async function resolveScopeTarget(options: {
  orgId: string;
  scope: AlertScope;
  scopeId: string | undefined;
  client?: DbClient;
}): Promise<string> {
  const { orgId, scope, scopeId } = options;
  const client = options.client ?? db();
  if (scope === "org") {
    if (scopeId && scopeId !== orgId) throw new ValidationError("scopeId: for scope \"org\" it must be your organization's id (or omitted)", "scopeId");
    return orgId;
  }
  if (!scopeId) throw new ValidationError(`scopeId: is required for scope "${scope}"`, "scopeId");
  const where = { id: scopeId, orgId };
  const found =
    scope === "key"
      ? await client.apiKey.findFirst({ where, select: { id: true } })
      : scope === "user"
        ? await client.user.findFirst({ where, select: { id: true } })
        : await client.team.findFirst({ where, select: { id: true } });
  if (!found) throw new ValidationError(`scopeId: no ${scope} ${scopeId} in this organization`, "scopeId");
  return scopeId;
}

export const scopeKey = (scope: string, scopeId: string) => `${scope}:${scopeId}`;

/**
 * Display names for many scope targets in at most three lookups: a key's or team's name, a user's
 * e-mail, "Organization". Targets deleted since are missing from the map.
 */
export async function scopeNames(targets: { scope: string; scopeId: string }[], client: DbClient = db()): Promise<Map<string, string>> {
  const idsOf = (scope: string) => [...new Set(targets.filter((t) => t.scope === scope).map((t) => t.scopeId))];
  const [keyIds, userIds, teamIds] = [idsOf("key"), idsOf("user"), idsOf("team")];
  const [keys, users, teams] = await Promise.all([
    keyIds.length ? client.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    teamIds.length ? client.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map<string, string>();
  for (const key of keys) names.set(scopeKey("key", key.id), key.name);
  for (const user of users) names.set(scopeKey("user", user.id), user.email);
  for (const team of teams) names.set(scopeKey("team", team.id), team.name);
  for (const target of targets) if (target.scope === "org") names.set(scopeKey("org", target.scopeId), "Organization");
  return names;
}
