// Creating, changing and deleting rate limits; every change reaches every replica's gateway through
// "governance-changed". Windows live in the SharedStore and need no reset: a new limit applies to
// the calls of the last minute as they are.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { publishGovernanceChanged } from "../quotas/governance-rules";
import { assertScopeExists } from "../quotas/scopes";
import { toRateLimits, type RateLimitRow } from "./rate-limit-queries";
import type { RateLimit, RateLimitScope, UpsertRateLimitInput } from "./schemas";

export async function upsertRateLimit(options: { orgId: string; input: UpsertRateLimitInput; client?: DbClient }): Promise<{ rateLimit: RateLimit; before: RateLimit | null }> {
  const client = options.client ?? db();
  const { orgId, input } = options;
  await assertScopeExists({ orgId, scope: input.scope, scopeId: input.scopeId, client });
  const id = { orgId, scope: input.scope, scopeId: input.scopeId };
  const limits = { rpm: input.rpm ?? null, tpm: input.tpm ?? null };
  const existing = await client.rateLimit.findUnique({ where: { orgId_scope_scopeId: id } });
  const row = await client.rateLimit.upsert({ where: { orgId_scope_scopeId: id }, create: { ...id, ...limits }, update: limits });
  await publishGovernanceChanged();
  const [rateLimit, before] = await toRateLimits(orgId, existing ? [row, existing] : [row], client);
  return { rateLimit, before: before ?? null };
}

async function deleteRow(orgId: string, row: RateLimitRow | null, what: string, client: DbClient): Promise<RateLimit> {
  if (!row) throw new NotFoundError(`Rate limit ${what} not found.`);
  const [before] = await toRateLimits(orgId, [row], client);
  await client.rateLimit.delete({ where: { id: row.id } });
  await publishGovernanceChanged();
  return before;
}

export async function deleteRateLimit(options: { orgId: string; id: string; client?: DbClient }): Promise<RateLimit> {
  const client = options.client ?? db();
  const row = await client.rateLimit.findFirst({ where: { id: options.id, orgId: options.orgId } });
  return deleteRow(options.orgId, row, options.id, client);
}

export async function deleteRateLimitByScope(options: { orgId: string; scope: RateLimitScope; scopeId: string; client?: DbClient }): Promise<RateLimit> {
  const client = options.client ?? db();
  const { orgId, scope, scopeId } = options;
  const row = await client.rateLimit.findUnique({ where: { orgId_scope_scopeId: { orgId, scope, scopeId } } });
  return deleteRow(orgId, row, `${scope}/${scopeId}`, client);
}
