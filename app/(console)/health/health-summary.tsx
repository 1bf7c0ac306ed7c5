"use client";
// One line above the table: how many deployments are in each state, the ones that need a look first.
import { cn } from "@/components/ui/cn";
import { DEPLOYMENT_HEALTH_STATES, type DeploymentHealth } from "@/lib/routing/health-schemas";

const DOTS: Record<DeploymentHealth["state"], string> = {
  healthy: "bg-emerald-500",
  ejected: "bg-red-500",
  "half-open": "bg-amber-500",
  draining: "bg-sky-500",
  disabled: "bg-slate-400",
};

export function HealthSummary({ rows }: { rows: DeploymentHealth[] }) {
  const counts = new Map<DeploymentHealth["state"], number>();
  for (const row of rows) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  return (
    <ul className="mb-4 flex flex-wrap gap-x-5 gap-y-2 text-sm text-slate-700" aria-label="Deployments by state" data-testid="health-summary">
      {DEPLOYMENT_HEALTH_STATES.filter((state) => counts.has(state)).map((state) => (
        <li key={state} className="flex items-center gap-1.5" data-testid={`health-summary-${state}`}>
          <span aria-hidden className={cn("size-2 rounded-full", DOTS[state])} />
          <span className="font-semibold tabular-nums">{counts.get(state)}</span> {state}
        </li>
      ))}
    </ul>
  );
}
