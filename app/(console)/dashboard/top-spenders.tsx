"use client";
// The keys, users or teams that cost the most over the dashboard's range (GET /api/admin/usage/spend),
// each with a bar relative to the first so the gap between them reads at a glance.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ErrorState, Skeleton } from "@/components/ui/states";
import type { ResolvedRange } from "@/lib/charts/date-range";
import { formatCurrency, formatNumber } from "@/lib/charts/format";
import type { SpendScope } from "@/lib/usage/spend-schemas";
import { topSpendersQuery } from "./dashboard-scopes";

const LABELS: Record<SpendScope, string> = { user: "Users", team: "Teams", key: "Keys" };

/** `scopes`: what the viewer may rank (a developer only sees their own keys); the first is the default. */
export function TopSpenders({ range, scopes }: { range: ResolvedRange; scopes: readonly SpendScope[] }) {
  const [by, setBy] = useState<SpendScope>(scopes[0]);
  const query = useQuery(topSpendersQuery(range, by));
  const rows = query.data?.data ?? [];
  const top = rows[0]?.cost ?? 0;

  return (
    <Card data-testid="top-spenders">
      <CardHeader
        title="Top spenders"
        description="By cost over the chosen range"
        actions={
          scopes.length > 1 && (
            <div role="group" aria-label="Rank" className="inline-flex rounded-md bg-white p-0.5 shadow-sm ring-1 ring-slate-300">
              {scopes.map((scope) => (
                <button
                  key={scope}
                  type="button"
                  aria-pressed={by === scope}
                  data-testid={`top-spenders-${scope}`}
                  onClick={() => setBy(scope)}
                  className={cn(
                    "rounded px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                    by === scope ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100",
                  )}
                >
                  {LABELS[scope]}
                </button>
              ))}
            </div>
          )
        }
      />
      {query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} title="Could not load the top spenders" />
      ) : !query.data ? (
        <div className="space-y-3 p-4">
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} className="h-8 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No calls with a {by} in this range.</p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-busy={query.isFetching || undefined}>
          {rows.map((row, index) => (
            <li key={row.id} className="flex items-center gap-3 px-4 py-2.5" data-testid="top-spender">
              <span className="w-4 shrink-0 text-xs text-slate-400 tabular-nums">{index + 1}</span>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900" title={row.name}>
                  {row.name}
                  {row.detail && <span className="ml-1.5 text-xs font-normal text-slate-500">{by === "key" ? `${row.detail}…` : row.detail}</span>}
                </p>
                <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden>
                  <div className="h-1.5 rounded-full bg-indigo-500" style={{ width: `${top > 0 ? Math.max(2, (row.cost / top) * 100) : 0}%` }} />
                </div>
              </div>
              <div className="shrink-0 text-right">
                <p className="text-sm font-semibold text-slate-900 tabular-nums">{formatCurrency(row.cost)}</p>
                <p className="text-xs text-slate-500 tabular-nums">{formatNumber(row.calls)} {row.calls === 1 ? "call" : "calls"}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
