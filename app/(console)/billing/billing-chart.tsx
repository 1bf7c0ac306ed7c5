"use client";
import { useMemo } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { EmptyState, LoadingBlock } from "@/components/ui/states";
import { costPerDayByModel } from "@/lib/billing/billing-chart";
import type { BillingReport } from "@/lib/billing/schemas";
import { formatCurrency, formatCurrencyAxis } from "@/lib/charts/format";

export function BillingChart({ report }: { report: BillingReport | undefined }) {
  const chart = useMemo(() => (report ? costPerDayByModel(report) : null), [report]);
  if (!report || !chart) {
    return (
      <Card className="mb-6">
        <LoadingBlock label="Loading the report…" />
      </Card>
    );
  }
  if (report.totals.calls === 0) {
    return (
      <Card className="mb-6">
        <EmptyState
          testId="billing-empty"
          title="No usage in this period"
          description="Calls through the gateway are billed here within a few seconds. Try another period or scope."
        />
      </Card>
    );
  }
  return (
    <div className="mb-6">
      <ChartFrame title="Cost per day" description={`Stacked by model · days in ${report.timeZone}`} testId="billing-chart">
        <StackedBarChart rows={chart.rows} series={chart.series} formatValue={formatCurrency} formatAxis={formatCurrencyAxis} />
      </ChartFrame>
    </div>
  );
}
