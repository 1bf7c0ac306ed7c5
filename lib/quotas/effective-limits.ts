// Every limit that applies to a key, a user or a team, in one place: the quotas of each scope the
// calls are charged to (explicit, or from the user's tier), the rate limits, and the limits an
// admin put on every key of a user (models, longest life). With used, remaining and when each one
// resets, and which of them are near (>= 80 %). The console's users, keys and teams pages, a
// developer's "My limits" and the near-limit banner read this; it answers for a key the way a
// key-authenticated `/v1/me` will (the subject and scopes come from the key, not from a session).
//
//   key   its own quotas and rate limit, its owner's (with the tier's), its team's, the org's
//   user  their quotas (with the tier's) and rate limit, their team's, the org's
//   team  its quotas and rate limit, the org's
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { effectiveKeyExpiry, effectiveKeyModels, userKeyLimits } from "../keys/key-limits";
import { parseModelList } from "../keys/key-status";
import { getRateLimitStatus, type RateLimitStatus } from "../rate-limits/rate-limit-status";
import { governanceRules } from "./governance-rules";
import { getQuotaStatus, type QuotaLimitStatus } from "./quota-status";
import { scopeNames } from "./scopes";

export type LimitSubjectScope = "key" | "user" | "team";

/** A limit is "near" from this share of it used. */
export const NEAR_LIMIT_RATIO = 0.8;

export interface EffectiveLimits {
  subject: { scope: LimitSubjectScope; id: string; name: string | null; tier: string | null };
  quotas: (QuotaLimitStatus & { scopeName: string | null })[];
  rateLimits: (RateLimitStatus & { scopeName: string | null })[];
  /** For a key: the models it may call and when it stops working. For a user: the limits on all their keys. */
  keyLimits: { models: string[] | null; maxDays: number | null; expiresAt: string | null } | null;
  /** The quotas and rate limits used at NEAR_LIMIT_RATIO or more (exhausted ones included). */
  near: { scope: string; scopeId: string; scopeName: string | null; what: string; used: number; limit: number; ratio: number; resetsAt: string | null }[];
}

interface Chain {
  keyId: string | null;
  userId: string | null;
  teamId: string | null;
  tier: string | null;
  name: string | null;
  keyLimits: EffectiveLimits["keyLimits"];
}

async function chainOf(client: DbClient, orgId: string, scope: LimitSubjectScope, id: string): Promise<Chain> {
  const missing = () => new NotFoundError(`No ${scope} with id "${id}".`, "not_found", "id");
  if (scope === "key") {
    const key = await client.apiKey.findFirst({
      where: { id, orgId },
      select: { name: true, prefix: true, userId: true, teamId: true, models: true, expiresAt: true, createdAt: true, user: { select: { tier: true, keyModels: true, keyMaxDays: true } } },
    });
    if (!key) throw missing();
    const limits = userKeyLimits(key.user);
    const expiresAt = effectiveKeyExpiry(key, limits);
    return {
      keyId: id, userId: key.userId, teamId: key.teamId, tier: key.user.tier, name: `${key.name} (${key.prefix}…)`,
      keyLimits: { models: effectiveKeyModels(parseModelList(key.models), limits), maxDays: limits.maxDays, expiresAt: expiresAt?.toISOString() ?? null },
    };
  }
  if (scope === "user") {
    const user = await client.user.findFirst({ where: { id, orgId }, select: { email: true, teamId: true, tier: true, keyModels: true, keyMaxDays: true } });
    if (!user) throw missing();
    const limits = userKeyLimits(user);
    return { keyId: null, userId: id, teamId: user.teamId, tier: user.tier, name: user.email, keyLimits: { models: limits.models.length ? [...limits.models] : null, maxDays: limits.maxDays, expiresAt: null } };
  }
  const team = await client.team.findFirst({ where: { id, orgId }, select: { name: true } });
  if (!team) throw missing();
  return { keyId: null, userId: null, teamId: id, tier: null, name: team.name, keyLimits: null };
}

export async function getEffectiveLimits(options: { orgId: string; scope: LimitSubjectScope; id: string; client?: DbClient }): Promise<EffectiveLimits> {
  const client = options.client ?? db();
  const { orgId, scope, id } = options;
  const chain = await chainOf(client, orgId, scope, id);
  const scopes = [
    ...(chain.keyId ? [{ scope: "key" as const, scopeId: chain.keyId }] : []),
    ...(chain.userId ? [{ scope: "user" as const, scopeId: chain.userId }] : []),
    ...(chain.teamId ? [{ scope: "team" as const, scopeId: chain.teamId }] : []),
  ];
  const [quotaLists, rateLimits, names] = await Promise.all([
    Promise.all([...scopes, { scope: "org" as const, scopeId: orgId }].map((s) => getQuotaStatus(orgId, s.scope, s.scopeId))),
    governanceRules().current().then((table) => getRateLimitStatus({ table, orgId, scopes, client })),
    scopeNames(orgId, [...scopes, { scope: "org", scopeId: orgId }], client),
  ]);
  const named = <T extends { scope: string; scopeId: string }>(item: T) => ({ ...item, scopeName: names.get(`${item.scope}:${item.scopeId}`) ?? null });
  const quotas = quotaLists.flat().map(named);
  const rates = rateLimits.map(named);
  const near = [
    ...quotas.map((q) => ({ ...q, what: `${q.period} ${q.kind}` })),
    ...rates.map((r) => ({ ...r, what: r.kind })),
  ]
    .map((l) => ({ scope: l.scope, scopeId: l.scopeId, scopeName: l.scopeName, what: l.what, used: l.used, limit: l.limit, resetsAt: l.resetsAt, ratio: l.limit > 0 ? l.used / l.limit : 1 }))
    .filter((l) => l.ratio >= NEAR_LIMIT_RATIO)
    .sort((a, b) => b.ratio - a.ratio);
  return { subject: { scope, id, name: chain.name, tier: chain.tier }, quotas, rateLimits: rates, keyLimits: chain.keyLimits, near };
}
