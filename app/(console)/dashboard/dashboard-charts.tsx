"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { LineSeriesChart } from "@/components/charts/line-series-chart";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { formatPercentTick } from "@/lib/charts/axis";
import { bucketsInRange, chartInterval, formatBucketLabel, formatBucketTitle } from "@/lib/charts/buckets";
import type { ResolvedRange } from "@/lib/charts/date-range";
import { formatCompact, formatCurrency, formatCurrencyAxis, formatDuration, formatNumber, formatPercent } from "@/lib/charts/format";
import { prepareDashboard } from "@/lib/charts/prepare-dashboard";
import { usageTimeseriesQuery } from "@/lib/query/usage";
import type { SpendScope } from "@/lib/usage/spend-schemas";
import { CacheSavings } from "./cache-savings";
import type { GroupBy } from "./group-by-toggle";
import { KpiCards } from "./kpi-cards";
import { timeseriesParams } from "./dashboard-scopes";
import { FirstRunChecklist, useFirstRunState } from "./first-run-checklist";
import { TopSpenders } from "./top-spenders";

const formatPercentValue = (value: number) => formatPercent(value);

/**
 * `showCacheSavings`: the org-wide cache figures, for the roles that may read them (admin, viewer).
 * `spenderScopes`: what the top spenders card ranks (dashboard-scopes.ts). The first-run checklist
 * shows while no model is callable, and in place of the empty state.
 */
export function DashboardCharts({
  range,
  groupBy,
  spenderScopes,
  showCacheSavings = false,
  canManage = false,
}: {
  range: ResolvedRange;
  groupBy: GroupBy;
  spenderScopes: readonly SpendScope[];
  showCacheSavings?: boolean;
  /** admins: the first-run checklist links to the pages that fix each step */
  canManage?: boolean;
}) {
  // Up to 48 hours: one bar per hour; longer ranges: one per UTC day (lib/charts/buckets.ts).
  const interval = chartInterval(range);
  const buckets = useMemo(() => bucketsInRange(range, interval), [range, interval]);
  const query = useQuery(usageTimeseriesQuery(timeseriesParams(range, groupBy)));
  const charts = useMemo(() => (query.data ? prepareDashboard(query.data, buckets, undefined, { latencyByModel: groupBy === "model" }) : null), [query.data, buckets, groupBy]);
  const firstRun = useFirstRunState(canManage);
  const checklist = firstRun.state && <FirstRunChecklist state={firstRun.state} canManage={canManage} />;
  const groupLabel = groupBy === "model" ? "model" : "user";
  const per = interval === "hour" ? "hour" : "day";
  const axis = useMemo(
    () => ({ formatLabel: (bucket: string) => formatBucketLabel(bucket, interval), formatTitle: (bucket: string) => formatBucketTitle(bucket, interval) }),
    [interval],
  );

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
      ) : charts.isEmpty && checklist ? (
        checklist
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
        <>
          {firstRun.state?.callableModel === null && checklist}
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2" data-interval={interval}>
            <ChartFrame title={`Calls per ${per}`} description={`Stacked by ${groupLabel}`} testId="chart-calls">
              <StackedBarChart rows={charts.calls.rows} series={charts.calls.series} formatValue={formatNumber} formatAxis={formatCompact} {...axis} />
            </ChartFrame>
            <ChartFrame title={`Cost per ${per}`} description={`Stacked by ${groupLabel}`} testId="chart-cost">
              <StackedBarChart rows={charts.cost.rows} series={charts.cost.series} formatValue={formatCurrency} formatAxis={formatCurrencyAxis} {...axis} />
            </ChartFrame>
            <ChartFrame title={`Tokens per ${per}`} description={`Input and output, stacked by ${groupLabel}`} testId="chart-tokens">
              <StackedBarChart rows={charts.tokens.rows} series={charts.tokens.series} formatValue={formatNumber} formatAxis={formatCompact} {...axis} />
            </ChartFrame>
            <ChartFrame title="Latency" description={groupBy === "model" ? `p95 per model and ${per}` : `p50 and p95 per ${per}`} testId="chart-latency">
              <LineSeriesChart rows={charts.latency.rows} series={charts.latency.series} formatValue={formatDuration} formatAxis={formatDuration} {...axis} />
            </ChartFrame>
            <ChartFrame title="Time to first token" description={`Streamed calls, p50 and p95 per ${per}`} testId="chart-ttft">
              {charts.ttft.rows.some((row) => row.p50 !== null) ? (
                <LineSeriesChart rows={charts.ttft.rows} series={charts.ttft.series} formatValue={formatDuration} formatAxis={formatDuration} {...axis} />
              ) : (
                <ChartNote>No streamed calls in this range.</ChartNote>
              )}
            </ChartFrame>
            <ChartFrame title="Error rate" description={`Failed and refused calls / all calls, per ${per}`} testId="chart-error-rate">
              <LineSeriesChart
                rows={charts.errorRate.rows}
                series={charts.errorRate.series}
                formatValue={formatPercentValue}
                formatAxis={formatPercentTick}
                yScale={charts.errorRate.scale}
                {...axis}
              />
            </ChartFrame>
            <ChartFrame title="Cache hit rate" description={`Answers from the response cache / cache lookups, per ${per}`} testId="chart-cache-hit-rate">
              {charts.hasCacheLookups ? (
                <LineSeriesChart
                  rows={charts.cacheHitRate.rows}
                  series={charts.cacheHitRate.series}
                  formatValue={formatPercentValue}
                  formatAxis={formatPercentTick}
                  yScale={charts.cacheHitRate.scale}
                  {...axis}
                />
              ) : (
                <ChartNote>
                  The response cache was not consulted in this range.{" "}
                  <Link href="/cache" className="font-medium text-indigo-600 hover:text-indigo-500">
                    Cache settings
                  </Link>
                </ChartNote>
              )}
            </ChartFrame>
            {showCacheSavings && <CacheSavings totals={charts.cache} costSaved={charts.costSaved} per={per} {...axis} />}
            <TopSpenders range={range} scopes={spenderScopes} />
          </div>
        </>
      )}
    </div>
  );
}

function ChartNote({ children }: { children: React.ReactNode }) {
  // The text sits in a block inside the flex box, so the space before a link is kept.
  return (
    <div className="flex h-full items-center justify-center px-6">
      <p className="text-center text-sm text-slate-500">{children}</p>
    </div>
  );
}
