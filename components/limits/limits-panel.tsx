"use client";
// Every limit that applies to a key, user or team (GET /api/admin/limits): quotas from each scope
// its calls are charged to, explicit or from the tier, rate limits over the last minute, and the
// limits on the user's keys; used, remaining and when each resets.
import { useQuery } from "@tanstack/react-query";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import { LocalTime } from "@/components/ui/local-time";
import { limitsQuery, myLimitsQuery } from "@/lib/query/limits";
import { limitGroups } from "@/lib/quotas/limits-display";
import type { EffectiveLimitsBody } from "@/lib/quotas/schemas";
import { LimitBars } from "./limit-bars";

function KeyLimits({ limits }: { limits: EffectiveLimitsBody }) {
  const k = limits.keyLimits;
  if (!k) return null;
  const isKey = limits.subject.scope === "key";
  const models = k.models === null ? "every model" : k.models.length === 0 ? "no model (the key's list and the owner's do not overlap)" : k.models.join(", ");
  return (
    <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-xs sm:grid-cols-[9rem_1fr]" data-testid="limits-key-limits">
      <dt className="text-slate-500">{isKey ? "May call" : "Keys may call"}</dt>
      <dd className="break-words text-slate-800">{models}</dd>
      <dt className="text-slate-500">{isKey ? "Works until" : "Longest key life"}</dt>
      <dd className="text-slate-800">{isKey ? (k.expiresAt ? <LocalTime iso={k.expiresAt} withTime /> : "no expiry") : k.maxDays === null ? "no limit" : `${k.maxDays} days`}</dd>
    </dl>
  );
}

export function LimitsView({ limits }: { limits: EffectiveLimitsBody }) {
  const groups = limitGroups(limits);
  return (
    <div data-testid="limits-panel">
      {groups.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="limits-none">
          No quota or rate limit applies{limits.subject.tier ? ` (tier ${limits.subject.tier} has no default quotas)` : ""}.
        </p>
      ) : (
        groups.map((group) => (
          <section key={group.id} className="mb-3" data-testid="limits-group">
            <h3 className="text-xs font-semibold text-slate-500">{group.title}</h3>
            <LimitBars bars={group.bars} />
          </section>
        ))
      )}
      <KeyLimits limits={limits} />
    </div>
  );
}

function LimitsFromQuery({ query }: { query: { data?: EffectiveLimitsBody; isLoading: boolean; error: unknown; refetch: () => unknown } }) {
  if (query.isLoading) return <LoadingBlock label="Loading limits…" />;
  if (query.error || !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} title="Could not load the limits" />;
  return <LimitsView limits={query.data} />;
}

export function LimitsPanel({ scope, id }: { scope: "key" | "user" | "team"; id: string }) {
  return <LimitsFromQuery query={useQuery(limitsQuery(scope, id))} />;
}

/** The signed-in user's own limits. */
export function MyLimitsPanel() {
  return <LimitsFromQuery query={useQuery(myLimitsQuery())} />;
}
