// Creating, changing and deleting quotas. Every change reaches the gateway of every replica
// through "governance-changed"; creating or deleting one also resets the counters it starts or
// stops governing (counter-resets.ts).
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { dollarsToMicros } from "../usage/money";
import { resetCountersForCoverageChange } from "./counter-resets";
import { publishGovernanceChanged } from "./governance-rules";
import type { QuotaPeriod } from "./periods";
import { toQuotas, type QuotaRow } from "./quota-queries";
import type { Quota, QuotaScope, UpsertQuotaInput } from "./schemas";
import { assertScopeExists } from "./scopes";

export async function upsertQuota(options: {
  orgId: string;
  input: UpsertQuotaInput;
  client?: DbClient;
}): Promise<{ quota: Quota; before: Quota | null }> {
  const client = options.client ?? db();
  const { orgId, input } = options;
  await assertScopeExists({ orgId, scope: input.scope, scopeId: input.scopeId, client });
  const id = { orgId, scope: input.scope, scopeId: input.scopeId, period: input.period };
  const limits = {
    maxCalls: input.maxCalls ?? null,
    maxTokens: input.maxTokens == null ? null : BigInt(input.maxTokens),
    maxCostMicros: input.maxCost == null ? null : dollarsToMicros(input.maxCost),
  };
  const existing = await client.quota.findUnique({ where: { orgId_scope_scopeId_period: id } });
  const row = await client.quota.upsert({ where: { orgId_scope_scopeId_period: id }, create: { ...id, ...limits }, update: limits });
  if (!existing) await resetCountersForCoverageChange({ ...id, client });
  await publishGovernanceChanged();
  const [quota, before] = await toQuotas(orgId, existing ? [row, existing] : [row], client);
  return { quota, before: before ?? null };
}

async function deleteRow(orgId: string, row: QuotaRow | null, what: string, client: DbClient): Promise<Quota> {
  if (!row) throw new NotFoundError(`Quota ${what} not found.`);
  const [before] = await toQuotas(orgId, [row], client);
  await client.quota.delete({ where: { id: row.id } });
  await resetCountersForCoverageChange({ orgId, scope: row.scope as QuotaScope, scopeId: row.scopeId, period: row.period as QuotaPeriod, client });
  await publishGovernanceChanged();
  return before;
}

export async function deleteQuota(options: { orgId: string; id: string; client?: DbClient }): Promise<Quota> {
  const client = options.client ?? db();
  const row = await client.quota.findFirst({ where: { id: options.id, orgId: options.orgId } });
  return deleteRow(options.orgId, row, options.id, client);
}

export async function deleteQuotaByScope(options: { orgId: string; scope: QuotaScope; scopeId: string; period: QuotaPeriod; client?: DbClient }): Promise<Quota> {
  const client = options.client ?? db();
  const { orgId, scope, scopeId, period } = options;
  const row = await client.quota.findUnique({ where: { orgId_scope_scopeId_period: { orgId, scope, scopeId, period } } });
  return deleteRow(orgId, row, `${scope}/${scopeId}/${period}`, client);
}
