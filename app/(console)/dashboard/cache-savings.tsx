"use client";
// What the response cache saved in the dashboard's range: the total, the hit rate, and cost saved
// per day (GET /api/admin/cache/stats, prepared by lib/charts/prepare-cache-stats).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { ErrorState, Skeleton } from "@/components/ui/states";
import type { ResolvedRange } from "@/lib/charts/date-range";
import { formatCurrency, formatCurrencyAxis } from "@/lib/charts/format";
import { prepareCacheStats } from "@/lib/charts/prepare-cache-stats";
import { cacheStatsQuery } from "@/lib/query/cache-stats";

export function CacheSavings({ range, days }: { range: ResolvedRange; days: string[] }) {
  const stats = useQuery(cacheStatsQuery({ from: range.from, to: range.to }));
  const prepared = useMemo(() => (stats.data ? prepareCacheStats(stats.data, days) : null), [stats.data, days]);
  const hitRate = prepared?.figures.find((figure) => figure.id === "hit-rate");

  return (
    <ChartFrame
      title="Saved by the cache"
      description="What the answers served from the cache would have cost, per day"
      testId="chart-cache-savings"
      actions={
        <div className="text-right">
          {stats.data ? (
            <p className="text-lg font-semibold text-emerald-700 tabular-nums" data-testid="dashboard-cost-saved">
              {formatCurrency(stats.data.costSaved)}
            </p>
          ) : (
            <Skeleton className="h-6 w-16" />
          )}
          <p className="text-xs text-slate-500">
            {hitRate ? `hit rate ${hitRate.value}` : ""} ·{" "}
            <Link href="/cache" className="font-medium text-indigo-600 hover:text-indigo-500">
              Cache
            </Link>
          </p>
        </div>
      }
    >
      {stats.error && !stats.data ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} title="Could not load the cache stats" />
      ) : prepared ? (
        <StackedBarChart rows={prepared.costSaved.rows} series={prepared.costSaved.series} formatValue={formatCurrency} formatAxis={formatCurrencyAxis} />
      ) : (
        <Skeleton className="h-full w-full" />
      )}
    </ChartFrame>
  );
}
