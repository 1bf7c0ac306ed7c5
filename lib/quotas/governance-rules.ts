// Every quota and rate limit of every organization, held in memory so admitting a call reads no
// database. Admin changes broadcast "governance-changed" on the SharedStore and every replica drops
// its copy; a background reload every minute is the safety net for a missed broadcast.
import { db } from "../db";
import { logger } from "../logger";
import { sharedStore } from "../store";
import type { CounterScope } from "./counter-keys";
import type { QuotaPeriod } from "./periods";

export const GOVERNANCE_CHANGED_CHANNEL = "governance-changed";
const REFRESH_EVERY_MS = 60_000;

export type QuotaRuleScope = CounterScope | "tier";

export interface QuotaRule {
  id: string;
  orgId: string;
  scope: QuotaRuleScope;
  scopeId: string;
  period: QuotaPeriod;
  maxCalls: number | null;
  maxTokens: number | null;
  /** micro-dollars */
  maxCost: number | null;
}

export interface RateRule {
  id: string;
  orgId: string;
  scope: "key" | "user" | "team";
  scopeId: string;
  rpm: number | null;
  tpm: number | null;
}

const ruleKey = (orgId: string, scope: string, scopeId: string) => `${orgId}\u0000${scope}\u0000${scopeId}`;

export class GovernanceTable {
  private readonly quotas = new Map<string, QuotaRule[]>();
  private readonly rates = new Map<string, RateRule>();
  private readonly governedOrgs = new Set<string>();
  private readonly tierOrgs = new Set<string>();

  constructor(quotas: QuotaRule[], rates: RateRule[]) {
    for (const rule of quotas) {
      const key = ruleKey(rule.orgId, rule.scope, rule.scopeId);
      this.quotas.set(key, [...(this.quotas.get(key) ?? []), rule]);
      this.governedOrgs.add(rule.orgId);
      if (rule.scope === "tier") this.tierOrgs.add(rule.orgId);
    }
    for (const rule of rates) {
      this.rates.set(ruleKey(rule.orgId, rule.scope, rule.scopeId), rule);
      this.governedOrgs.add(rule.orgId);
    }
  }

  /** False for an organization without any quota or rate limit: the gateway then skips admission. */
  governs(orgId: string): boolean {
    return this.governedOrgs.has(orgId);
  }

  hasTierQuotas(orgId: string): boolean {
    return this.tierOrgs.has(orgId);
  }

  quotasOf(orgId: string, scope: QuotaRuleScope, scopeId: string): readonly QuotaRule[] {
    return this.quotas.get(ruleKey(orgId, scope, scopeId)) ?? [];
  }

  rateOf(orgId: string, scope: RateRule["scope"], scopeId: string): RateRule | undefined {
    return this.rates.get(ruleKey(orgId, scope, scopeId));
  }
}

const toNumber = (value: bigint | number | null) => (value === null ? null : Number(value));

async function loadTable(): Promise<GovernanceTable> {
  const [quotas, rates] = await Promise.all([db().quota.findMany(), db().rateLimit.findMany()]);
  return new GovernanceTable(
    quotas.map((q) => ({
      id: q.id, orgId: q.orgId, scope: q.scope as QuotaRuleScope, scopeId: q.scopeId, period: q.period as QuotaPeriod,
      maxCalls: q.maxCalls, maxTokens: toNumber(q.maxTokens), maxCost: toNumber(q.maxCostMicros),
    })),
    rates.map((r) => ({ id: r.id, orgId: r.orgId, scope: r.scope as RateRule["scope"], scopeId: r.scopeId, rpm: r.rpm, tpm: r.tpm })),
  );
}

class GovernanceRules {
  private table: GovernanceTable | null = null;
  private loading: Promise<GovernanceTable> | null = null;
  private loadedAt = 0;
  /** bumped by every invalidation, so a load that started before a change is not kept */
  private generation = 0;

  private reload(): Promise<GovernanceTable> {
    this.loading ??= (async () => {
      for (;;) {
        const generation = this.generation;
        const table = await loadTable();
        if (generation !== this.generation) continue;
        this.table = table;
        this.loadedAt = Date.now();
        return table;
      }
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async current(): Promise<GovernanceTable> {
    return this.currentNow() ?? this.reload();
  }

  /** The loaded table without a promise (the hot path); null until the first load. */
  currentNow(): GovernanceTable | null {
    if (this.table && Date.now() - this.loadedAt > REFRESH_EVERY_MS) {
      void this.reload().catch((error) => logger().warn({ err: error }, "could not refresh quotas and rate limits; keeping the last copy"));
    }
    return this.table;
  }

  invalidate(): void {
    this.generation++;
    this.table = null;
  }
}

const globalForRules = globalThis as unknown as { tollgateGovernanceRules?: GovernanceRules };

export function governanceRules(): GovernanceRules {
  if (!globalForRules.tollgateGovernanceRules) {
    const rules = new GovernanceRules();
    globalForRules.tollgateGovernanceRules = rules;
    // A change missed while the channel was down is caught up when it resyncs (and by the minute's refresh).
    void sharedStore().subscribe(GOVERNANCE_CHANGED_CHANNEL, () => rules.invalidate(), () => rules.invalidate());
  }
  return globalForRules.tollgateGovernanceRules;
}

/** Tells every replica (this one included) to reload quotas and rate limits. */
export async function publishGovernanceChanged(): Promise<void> {
  // The local copy is dropped first: this process must never admit on rules it just changed.
  governanceRules().invalidate();
  try {
    await sharedStore().publish(GOVERNANCE_CHANGED_CHANNEL, "");
  } catch (error) {
    logger().warn({ err: error }, "could not broadcast a quota/rate-limit change; other replicas pick it up within a minute");
  }
}
