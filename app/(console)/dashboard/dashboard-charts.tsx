"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { LineSeriesChart } from "@/components/charts/line-series-chart";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import type { ResolvedRange } from "@/lib/charts/date-range";
import { formatCompact, formatCurrency, formatCurrencyAxis, formatDuration, formatNumber, formatPercent } from "@/lib/charts/format";
import { prepareDashboard } from "@/lib/charts/prepare-dashboard";
import { usageTimeseriesQuery } from "@/lib/query/usage";
import { CacheSavings } from "./cache-savings";
import type { GroupBy } from "./group-by-toggle";
import { KpiCards } from "./kpi-cards";

const formatPercentValue = (value: number) => formatPercent(value);

/** `showCacheSavings`: the org-wide cache figures, for the roles that may read them (admin, viewer). */
export function DashboardCharts({ range, days, groupBy, showCacheSavings = false }: { range: ResolvedRange; days: string[]; groupBy: GroupBy; showCacheSavings?: boolean }) {
  const query = useQuery(usageTimeseriesQuery({ from: range.from, to: range.to, groupBy }));
  const charts = useMemo(() => (query.data ? prepareDashboard(query.data, days) : null), [query.data, days]);
  const groupLabel = groupBy === "model" ? "model" : "user";

  if (query.error && !query.data) {
    return (
      <Card>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} title="Could not load usage" />
      </Card>
    );
  }

  return (
    <div className="space-y-6" aria-busy={query.isFetching || undefined}>
      <KpiCards kpis={charts?.kpis ?? null} />
      {!charts ? (
        <Card>
          <LoadingBlock label="Loading charts…" />
        </Card>
      ) : charts.isEmpty ? (
        <Card>
          <EmptyState
            testId="dashboard-empty"
            title="No usage in this range"
            description="Calls made through the gateway (with a virtual key or from the playground) show up here within a few seconds."
            action={
              <Link href="/playground" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
                Try a model in the playground
              </Link>
            }
          />
        </Card>
      ) : (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <ChartFrame title="Calls per day" description={`Stacked by ${groupLabel}`} testId="chart-calls">
            <StackedBarChart rows={charts.calls.rows} series={charts.calls.series} formatValue={formatNumber} formatAxis={formatCompact} />
          </ChartFrame>
          <ChartFrame title="Cost per day" description={`Stacked by ${groupLabel}`} testId="chart-cost">
            <StackedBarChart rows={charts.cost.rows} series={charts.cost.series} formatValue={formatCurrency} formatAxis={formatCurrencyAxis} />
          </ChartFrame>
          <ChartFrame title="Tokens per day" description="Input and output" testId="chart-tokens">
            <StackedBarChart rows={charts.tokens.rows} series={charts.tokens.series} formatValue={formatNumber} formatAxis={formatCompact} />
          </ChartFrame>
          <ChartFrame title="Latency" description="p50 and p95 per day" testId="chart-latency">
            <LineSeriesChart rows={charts.latency.rows} series={charts.latency.series} formatValue={formatDuration} formatAxis={formatDuration} />
          </ChartFrame>
          <ChartFrame title="Error rate" description="Failed calls / all calls, per day" testId="chart-error-rate">
            <LineSeriesChart rows={charts.errorRate.rows} series={charts.errorRate.series} formatValue={formatPercentValue} formatAxis={formatPercentValue} />
          </ChartFrame>
          {showCacheSavings && <CacheSavings range={range} days={days} />}
        </div>
      )}
    </div>
  );
}
