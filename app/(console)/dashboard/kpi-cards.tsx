import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/states";
import type { Kpi } from "@/lib/charts/prepare-dashboard";

export function KpiCards({ kpis }: { kpis: Kpi[] | null }) {
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      {(kpis ?? PLACEHOLDERS).map((kpi) => (
        <Card key={kpi.id} className="px-4 py-3" data-testid={`kpi-${kpi.id}`}>
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{kpi.label}</p>
          {kpis ? (
            <>
              <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`kpi-${kpi.id}-value`}>
                {kpi.value}
              </p>
              <p className="mt-0.5 text-xs text-slate-500">{kpi.detail}</p>
            </>
          ) : (
            <>
              <Skeleton className="mt-2 h-7 w-24" />
              <Skeleton className="mt-2 h-3 w-32" />
            </>
          )}
        </Card>
      ))}
    </div>
  );
}

// Same four cards while loading, so the layout does not jump when numbers arrive.
const PLACEHOLDERS: Kpi[] = [
  { id: "calls", label: "Calls", value: "", detail: "" },
  { id: "tokens", label: "Tokens", value: "", detail: "" },
  { id: "cost", label: "Cost", value: "", detail: "" },
  { id: "error-rate", label: "Error rate", value: "", detail: "" },
];
