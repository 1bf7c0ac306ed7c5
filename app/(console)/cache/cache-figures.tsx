import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/states";
import type { CacheFigure } from "@/lib/charts/prepare-cache-stats";

const PLACEHOLDERS: CacheFigure[] = [
  { id: "hit-rate", label: "Hit rate", value: "", detail: "" },
  { id: "cost-saved", label: "Cost saved", value: "", detail: "" },
  { id: "tokens-saved", label: "Tokens saved", value: "", detail: "" },
  { id: "entries", label: "Entries", value: "", detail: "" },
];

/** The four headline numbers; the same cards while loading, so the layout does not jump. */
export function CacheFigures({ figures }: { figures: CacheFigure[] | null }) {
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      {(figures ?? PLACEHOLDERS).map((figure) => (
        <Card key={figure.id} className="px-4 py-3" data-testid={`cache-figure-${figure.id}`}>
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{figure.label}</p>
          {figures ? (
            <>
              <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`cache-figure-${figure.id}-value`}>
                {figure.value}
              </p>
              <p className="mt-0.5 truncate text-xs text-slate-500">{figure.detail}</p>
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
