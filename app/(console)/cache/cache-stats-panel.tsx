"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { LineSeriesChart } from "@/components/charts/line-series-chart";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import { useDateRange } from "@/components/filters/use-date-range";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { formatCurrency, formatCurrencyAxis, formatPercent } from "@/lib/charts/format";
import { prepareCacheStats } from "@/lib/charts/prepare-cache-stats";
import { playgroundModelsQuery } from "@/lib/query/models";
import { cacheStatsQuery, DEFAULT_STATS_RANGE } from "./cache-api";
import { CacheFigures } from "./cache-figures";

const formatRate = (value: number) => formatPercent(value);

export function CacheStatsPanel({ now }: { now: string }) {
  const dateRange = useDateRange(DEFAULT_STATS_RANGE, now);
  const [model, setModel] = useState("");
  const models = useQuery(playgroundModelsQuery());
  const range = dateRange.range;
  const stats = useQuery({ ...cacheStatsQuery({ from: range?.from ?? "", to: range?.to ?? "", model: model || undefined }), enabled: range !== null });
  const charts = useMemo(() => (stats.data ? prepareCacheStats(stats.data, dateRange.days) : null), [stats.data, dateRange.days]);

  return (
    <div className="space-y-6" aria-busy={stats.isFetching || undefined}>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="flex flex-wrap items-end gap-4">
          <DateRangeFilter state={dateRange} idPrefix="cache-stats" />
          <div className="space-y-1">
            <Label htmlFor="cache-stats-model" className="text-xs text-slate-500">
              Model
            </Label>
            <Select id="cache-stats-model" className="w-48" value={model} onChange={(event) => setModel(event.target.value)}>
              <option value="">All models</option>
              {models.data?.data.map((m) => (
                <option key={m.id} value={m.name}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <Button size="sm" onClick={dateRange.refresh} data-testid="cache-stats-refresh">
          Refresh
        </Button>
      </div>
      {!range ? (
        <Card>
          <EmptyState title="Pick a date range" description="Choose both a start and an end day to see the charts." />
        </Card>
      ) : stats.error && !stats.data ? (
        <Card>
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} title="Could not load the cache stats" />
        </Card>
      ) : (
        <>
          <CacheFigures figures={charts?.figures ?? null} />
          {!charts ? (
            <Card>
              <LoadingBlock label="Loading charts…" />
            </Card>
          ) : charts.isEmpty ? (
            <Card>
              <EmptyState
                testId="cache-stats-empty"
                title="No cache lookups in this range"
                description="Turn the cache on under Settings, or warm it up with the prompts your users ask most; hits and savings show here."
              />
            </Card>
          ) : (
            <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
              <ChartFrame title="Hit rate" description="Answers from the cache / lookups, per day" testId="chart-cache-hit-rate">
                <LineSeriesChart rows={charts.hitRate.rows} series={charts.hitRate.series} formatValue={formatRate} formatAxis={formatRate} />
              </ChartFrame>
              <ChartFrame title="Cost saved" description="What the cached answers would have cost, per day" testId="chart-cache-cost-saved">
                <StackedBarChart rows={charts.costSaved.rows} series={charts.costSaved.series} formatValue={formatCurrency} formatAxis={formatCurrencyAxis} />
              </ChartFrame>
            </div>
          )}
        </>
      )}
    </div>
  );
}
