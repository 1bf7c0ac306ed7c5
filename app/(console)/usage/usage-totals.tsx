"use client";
// The filter's totals above the log: how many calls, how many failed or were refused, tokens, cost.
import { formatCurrency, formatNumber } from "@/lib/charts/format";
import type { UsageResponse } from "@/lib/query/types";

type Totals = NonNullable<UsageResponse["totals"]>;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate text-sm font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function UsageTotals({ totals }: { totals: Totals }) {
  return (
    <dl className="mb-3 grid grid-cols-2 gap-3 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" data-testid="usage-totals">
      <Figure label="Calls" value={formatNumber(totals.calls)} testId="usage-total-calls" />
      <Figure label="Errors" value={formatNumber(totals.errors)} testId="usage-total-errors" />
      <Figure label="Refused" value={formatNumber(totals.refused)} testId="usage-total-refused" />
      <Figure label="Tokens in / out" value={`${formatNumber(totals.inputTokens)} / ${formatNumber(totals.outputTokens)}`} testId="usage-total-tokens" />
      <Figure label="Cost" value={formatCurrency(totals.cost)} testId="usage-total-cost" />
      <Figure label="Saved by the cache" value={formatCurrency(totals.costSaved)} testId="usage-total-saved" />
    </dl>
  );
}
