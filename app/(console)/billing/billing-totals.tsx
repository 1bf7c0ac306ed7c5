import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/states";
import type { BillingTotals as Totals } from "@/lib/billing/schemas";
import { formatCompact, formatCurrency, formatNumber, formatPercent } from "@/lib/charts/format";

interface Tile {
  id: string;
  label: string;
  value: string;
  detail: string;
}

function tiles(totals: Totals, days: number): Tile[] {
  return [
    { id: "cost", label: "Total cost", value: formatCurrency(totals.cost), detail: `over ${formatNumber(days)} day(s)` },
    { id: "calls", label: "Calls", value: formatNumber(totals.calls), detail: `${formatNumber(totals.errors)} failed (${formatPercent(totals.calls ? totals.errors / totals.calls : null)})` },
    { id: "input", label: "Input tokens", value: formatCompact(totals.inputTokens), detail: `${formatCompact(totals.cachedTokens)} cached` },
    { id: "output", label: "Output tokens", value: formatCompact(totals.outputTokens), detail: `${formatNumber(totals.outputTokens)} exactly` },
  ];
}

const LABELS = ["Total cost", "Calls", "Input tokens", "Output tokens"];

/** Four headline numbers; skeletons of the same size while the report loads. */
export function BillingTotals({ totals, days }: { totals: Totals | null; days: number }) {
  return (
    <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
      {totals
        ? tiles(totals, days).map((tile) => (
            <Card key={tile.id} className="px-4 py-3" data-testid={`billing-total-${tile.id}`}>
              <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{tile.label}</p>
              <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`billing-total-${tile.id}-value`}>
                {tile.value}
              </p>
              <p className="mt-0.5 text-xs text-slate-500">{tile.detail}</p>
            </Card>
          ))
        : LABELS.map((label) => (
            <Card key={label} className="px-4 py-3">
              <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
              <Skeleton className="mt-2 h-7 w-24" />
              <Skeleton className="mt-2 h-3 w-32" />
            </Card>
          ))}
    </div>
  );
}
