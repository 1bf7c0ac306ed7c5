"use client";
// A deployment's state as the Health page shows it: the admin's (draining, disabled) first, then
// the circuit breaker's (healthy, ejected until …, half-open: the next live call probes it).
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { DeploymentHealth } from "@/lib/routing/health-schemas";

const TONES: Record<DeploymentHealth["state"], BadgeTone> = {
  healthy: "green",
  ejected: "red",
  "half-open": "amber",
  draining: "sky",
  disabled: "neutral",
};

const TITLES: Record<DeploymentHealth["state"], string> = {
  healthy: "Takes calls; the circuit breaker is closed",
  ejected: "The circuit breaker keeps it out after repeated failures; every replica skips it",
  "half-open": "The cool-down is over: the next call probes it, and it is back if that call works",
  draining: "An admin drains it: no new calls, calls in flight finish",
  disabled: "An admin disabled it: it takes no calls",
};

function secondsLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 1_000));
}

export function HealthState({ row, now }: { row: DeploymentHealth; now: number | null }) {
  return (
    <div className="space-y-0.5">
      <Badge tone={TONES[row.state]} title={TITLES[row.state]} testId="health-state">
        {row.state}
      </Badge>
      {row.state === "ejected" && row.ejectedUntil && (
        <p className="text-xs text-slate-500" data-testid="health-ejected-until">
          until <LocalTime iso={row.ejectedUntil} withTime />
          {now !== null && ` (${secondsLeft(row.ejectedUntil, now)} s)`}
        </p>
      )}
    </div>
  );
}
