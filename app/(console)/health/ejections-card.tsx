"use client";
// The circuit breaker's ejections, newest first: when, which deployment, why (consecutive failures,
// error rate, a failed half-open probe or active probe), for how long, and the error that tipped it.
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import type { Ejection } from "@/lib/routing/health-schemas";
import type { ListResponse } from "@/lib/query/types";

const REASONS: Record<Ejection["reason"], string> = {
  "consecutive-failures": "consecutive failures",
  "error-rate": "error rate over the window",
  "probe-failed": "half-open probe failed",
  "active-probe": "active probe failed",
};

function seconds(ejection: Ejection): string {
  const ms = Date.parse(ejection.until) - Date.parse(ejection.ejectedAt);
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1_000)} s`;
}

export function EjectionsCard({ data, isLoading, error, onRetry }: { data: ListResponse<Ejection> | undefined; isLoading: boolean; error: unknown; onRetry: () => void }) {
  const rows = data?.data ?? [];
  return (
    <Card>
      <CardHeader
        title="Ejections"
        description={data && data.total > rows.length ? `The latest ${rows.length} of ${data.total} (kept 30 days)` : "Every time the circuit breaker took a deployment out (kept 30 days)"}
      />
      {isLoading ? (
        <LoadingBlock label="Loading ejections…" />
      ) : error ? (
        <ErrorState error={error} onRetry={onRetry} title="Could not load the ejections" />
      ) : rows.length === 0 ? (
        <EmptyState title="No ejections" description="No deployment has failed often enough to be taken out." testId="ejections-empty" />
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="ejections-list">
          {rows.map((ejection) => (
            <li key={ejection.id} className="flex flex-col gap-1 px-4 py-2.5 text-sm sm:flex-row sm:items-start sm:gap-4" data-testid="ejection-row" data-deployment-id={ejection.deploymentId}>
              <span className="shrink-0 text-xs text-slate-500 tabular-nums sm:w-36">
                <LocalTime iso={ejection.ejectedAt} withTime />
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-mono text-xs font-medium text-slate-900">{ejection.model}</span>
                  {ejection.provider && <span className="text-xs text-slate-500">{ejection.provider}</span>}
                  <Badge tone={ejection.reason === "active-probe" || ejection.reason === "probe-failed" ? "amber" : "red"}>{REASONS[ejection.reason]}</Badge>
                  <span className="text-xs text-slate-500">out for {seconds(ejection)}</span>
                </p>
                {ejection.lastError && (
                  <p className="mt-0.5 line-clamp-2 text-xs break-words text-slate-600" title={ejection.lastError}>
                    {ejection.lastError}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
