"use client";
// GET /health's client: every deployment's state, traffic and latency over a window, re-read every
// few seconds, with the ejection history below; admins drain, disable and re-activate deployments,
// and restore an ejected one at once.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import type { DeploymentHealth } from "@/lib/routing/health-schemas";
import type { DeploymentAdminState } from "@/lib/routing/types";
import { DeploymentHealthList } from "./deployment-health-list";
import { EjectionsCard } from "./ejections-card";
import { DEFAULT_WINDOW_MINUTES, deploymentHealthQuery, ejectionsQuery, healthKeys, restoreDeployment, setDeploymentState } from "./health-api";
import { HealthSummary } from "./health-summary";
import { useNow } from "./use-now";

const WINDOWS = [
  { minutes: 15, label: "Last 15 minutes" },
  { minutes: 60, label: "Last hour" },
  { minutes: 360, label: "Last 6 hours" },
  { minutes: 1440, label: "Last 24 hours" },
];

const STATE_DONE: Record<DeploymentAdminState, string> = { active: "active again", draining: "draining", disabled: "disabled" };

export function HealthPageClient({ canEdit }: { canEdit: boolean }) {
  const [windowMinutes, setWindowMinutes] = useState(DEFAULT_WINDOW_MINUTES);
  const [disabling, setDisabling] = useState<DeploymentHealth | null>(null);
  const deployments = useQuery(deploymentHealthQuery(windowMinutes));
  const ejections = useQuery(ejectionsQuery());
  const now = useNow();
  const toast = useToast();
  const change = useInvalidatingMutation(
    ({ row, state }: { row: DeploymentHealth; state: DeploymentAdminState }) => setDeploymentState(row.id, state),
    [healthKeys.all, ["models"]],
    (saved, { row }) => {
      setDisabling(null);
      toast(`${row.provider} / ${row.upstreamModel} of ${row.model} is ${STATE_DONE[saved.state]}`);
    },
  );
  const restore = useInvalidatingMutation(
    (row: DeploymentHealth) => restoreDeployment(row.id),
    [healthKeys.all],
    (result, row) => {
      toast(
        result.restored
          ? `${row.provider} / ${row.upstreamModel} of ${row.model} is back: its ejection ended on every replica`
          : `${row.provider} / ${row.upstreamModel} of ${row.model} was not ejected; its circuit breaker was reset`,
      );
    },
  );
  const rows = deployments.data ?? [];
  const refresh = () => {
    void deployments.refetch();
    void ejections.refetch();
  };
  const onSetState = (row: DeploymentHealth, state: DeploymentAdminState) => {
    change.reset();
    restore.reset();
    if (state === "disabled") setDisabling(row);
    else change.mutate({ row, state });
  };
  const onRestore = (row: DeploymentHealth) => {
    change.reset();
    restore.mutate(row);
  };
  const pendingId = change.isPending ? (change.variables?.row.id ?? null) : restore.isPending ? (restore.variables?.id ?? null) : null;

  return (
    <>
      <PageHeader
        title="Health"
        description="Each deployment's circuit breaker, learned from live traffic and shared by every replica, with its calls, errors and latency. Refreshed every 5 seconds."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor="health-window" className="sr-only">
              Window
            </label>
            <Select id="health-window" value={windowMinutes} onChange={(event) => setWindowMinutes(Number(event.target.value))} className="w-auto" data-testid="health-window">
              {WINDOWS.map((w) => (
                <option key={w.minutes} value={w.minutes}>
                  {w.label}
                </option>
              ))}
            </Select>
            <Button onClick={refresh} pending={deployments.isFetching && !deployments.isLoading} data-testid="health-refresh">
              Refresh
            </Button>
          </div>
        }
      />
      {change.error && !disabling && (
        <InlineAlert tone="error" className="mb-4">
          Could not change {change.variables?.row.provider} / {change.variables?.row.upstreamModel}: {errorMessage(change.error)}
        </InlineAlert>
      )}
      {restore.error && (
        <InlineAlert tone="error" className="mb-4">
          Could not restore {restore.variables?.provider} / {restore.variables?.upstreamModel}: {errorMessage(restore.error)}
        </InlineAlert>
      )}
      {rows.length > 0 && <HealthSummary rows={rows} />}
      <Card className="mb-6 overflow-hidden">
        {deployments.isLoading ? (
          <LoadingBlock label="Loading deployments…" />
        ) : deployments.error && rows.length === 0 ? (
          <ErrorState error={deployments.error} onRetry={refresh} title="Could not load the deployments' health" />
        ) : rows.length === 0 ? (
          <EmptyState title="No deployments yet" description="A model gets a deployment when it is attached to a provider; add more in Models → Routing." />
        ) : (
          <DeploymentHealthList rows={rows} now={now} actions={{ canEdit, pendingId, onSetState, onRestore }} />
        )}
      </Card>
      <EjectionsCard data={ejections.data} isLoading={ejections.isLoading} error={ejections.error} onRetry={() => void ejections.refetch()} />
      <ConfirmDialog
        open={disabling !== null}
        onClose={() => setDisabling(null)}
        onConfirm={() => disabling && change.mutate({ row: disabling, state: "disabled" })}
        title="Disable this deployment?"
        description={
          <>
            <strong className="font-mono">{disabling?.provider}</strong> / <span className="font-mono">{disabling?.upstreamModel}</span> stops taking calls for{" "}
            <strong className="font-mono">{disabling?.model}</strong> on every replica. The model&apos;s other deployments and fallbacks take over; with none, calls are refused
            until it is activated again. To let calls in flight finish, drain it instead.
          </>
        }
        confirmLabel="Disable deployment"
        pending={change.isPending}
        error={change.error ? errorMessage(change.error) : undefined}
      />
    </>
  );
}
