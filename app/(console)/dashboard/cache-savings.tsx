"use client";
// What the response cache saved in the dashboard's range: the total, the hit rate, and cost saved
// per bucket stacked like the other charts (same buckets, same colours), all from the dashboard's
// timeseries (prepareDashboard), so it needs no request of its own.
import Link from "next/link";
import { ChartFrame } from "@/components/charts/chart-frame";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { formatCurrency, formatCurrencyAxis, formatPercent } from "@/lib/charts/format";
import type { StackedSeries } from "@/lib/charts/series";

export function CacheSavings({
  totals,
  costSaved,
  per,
  formatLabel,
  formatTitle,
}: {
  totals: { costSaved: number; hitRate: number | null };
  costSaved: StackedSeries;
  per: "hour" | "day";
  formatLabel: (bucket: string) => string;
  formatTitle: (bucket: string) => string;
}) {
  return (
    <ChartFrame
      title="Saved by the cache"
      description={`What the answers served from the cache would have cost, per ${per}`}
      testId="chart-cache-savings"
      actions={
        <div className="text-right">
          <p className="text-lg font-semibold text-emerald-700 tabular-nums" data-testid="dashboard-cost-saved">
            {formatCurrency(totals.costSaved)}
          </p>
          <p className="text-xs text-slate-500">
            {totals.hitRate === null ? "no lookups" : `hit rate ${formatPercent(totals.hitRate)}`} ·{" "}
            <Link href="/cache" className="font-medium text-indigo-600 hover:text-indigo-500">
              Cache
            </Link>
          </p>
        </div>
      }
    >
      {costSaved.series.length > 0 ? (
        <StackedBarChart rows={costSaved.rows} series={costSaved.series} formatValue={formatCurrency} formatAxis={formatCurrencyAxis} formatLabel={formatLabel} formatTitle={formatTitle} />
      ) : (
        <p className="flex h-full items-center justify-center px-6 text-center text-sm text-slate-500">No answers came from the cache in this range.</p>
      )}
    </ChartFrame>
  );
}
