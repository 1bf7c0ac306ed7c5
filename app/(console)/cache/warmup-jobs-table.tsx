"use client";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyState } from "@/components/ui/states";
import type { WarmupJob } from "@/lib/cache-warmup/schemas";
import { formatCurrency } from "@/lib/charts/format";
import { WarmupProgress, WarmupStatusBadge } from "./warmup-status";

function columns(selectedId: string | null, onSelect: (job: WarmupJob) => void, chargedTo: (job: WarmupJob) => string): Column<WarmupJob>[] {
  return [
    {
      id: "job",
      header: "Job",
      cell: (job) => (
        <button type="button" onClick={() => onSelect(job)} className={cn("text-left", selectedId === job.id && "text-indigo-700")} data-testid="warmup-job-open">
          <span className="block font-medium">{job.model}</span>
          <span className="block text-xs text-slate-500">
            <LocalTime iso={job.createdAt} withTime /> · {chargedTo(job)}
          </span>
        </button>
      ),
    },
    { id: "status", header: "Status", cell: (job) => <WarmupStatusBadge status={job.status} /> },
    { id: "progress", header: "Progress", className: "w-48", cell: (job) => <WarmupProgress job={job} /> },
    {
      id: "cost",
      header: "Cost",
      align: "right",
      cell: (job) => (
        <span title={`Estimated at most ${formatCurrency(job.estimatedCost)}`}>
          {formatCurrency(job.cost)}
          <span className="block text-xs text-slate-400">of ≤ {formatCurrency(job.estimatedCost)}</span>
        </span>
      ),
    },
    {
      id: "open",
      header: <span className="sr-only">Results</span>,
      align: "right",
      cell: (job) => (
        <Button size="sm" variant="ghost" onClick={() => onSelect(job)}>
          Results
        </Button>
      ),
    },
  ];
}

export function WarmupJobsTable({
  jobs,
  isLoading,
  error,
  onRetry,
  selectedId,
  onSelect,
  chargedTo,
}: {
  jobs: WarmupJob[] | undefined;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  selectedId: string | null;
  onSelect: (job: WarmupJob) => void;
  chargedTo: (job: WarmupJob) => string;
}) {
  return (
    <DataTable
      label="Warm-up jobs"
      testId="warmup-jobs-table"
      rowTestId="warmup-job-row"
      columns={columns(selectedId, onSelect, chargedTo)}
      rows={jobs}
      rowKey={(job) => job.id}
      isLoading={isLoading}
      error={error}
      onRetry={onRetry}
      empty={<EmptyState testId="warmup-jobs-empty" title="No warm-up jobs yet" description="Jobs you start appear here with their progress and cost." />}
    />
  );
}
