// Chart series for the billing page: cost per day stacked by model, built with the dashboard's
// series helpers (top models + "Other", every day of the report present).
import { stackByGroup, type StackedSeries, type UsagePoint } from "../charts/series";
import type { BillingReport } from "./schemas";

export const BILLING_CHART_TOP_MODELS = 6;

export function costPerDayByModel(report: Pick<BillingReport, "byDay">): StackedSeries {
  const points: UsagePoint[] = report.byDay.flatMap((day) =>
    day.byModel.map((line) => ({
      day: day.day,
      group: line.model,
      calls: line.calls,
      errors: line.errors,
      inputTokens: line.inputTokens,
      outputTokens: line.outputTokens,
      cost: line.cost,
    })),
  );
  return stackByGroup(
    points,
    report.byDay.map((day) => day.day),
    "cost",
    BILLING_CHART_TOP_MODELS,
  );
}
