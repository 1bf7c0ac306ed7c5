import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { WarmupJob, WarmupJobStatus } from "@/lib/cache-warmup/schemas";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/charts/format";

const STATUS: Record<WarmupJobStatus, { label: string; tone: BadgeTone; title: string }> = {
  queued: { label: "Queued", tone: "neutral", title: "Waiting for a runner to pick it up." },
  running: { label: "Running", tone: "sky", title: "Items are being sent through the gateway." },
  done: { label: "Done", tone: "green", title: "Every item was tried; failures are listed below." },
  failed: { label: "Failed", tone: "red", title: "The job stopped early; the reason is shown." },
  cancelled: { label: "Cancelled", tone: "amber", title: "Cancelled: nothing more was sent." },
  interrupted: { label: "Interrupted", tone: "amber", title: "The process running it stopped; the next runner resumes it." },
};

export function WarmupStatusBadge({ status }: { status: WarmupJobStatus }) {
  const { label, tone, title } = STATUS[status];
  return (
    <Badge tone={tone} title={title} testId="warmup-status">
      {label}
    </Badge>
  );
}

/** Answered (green), failed (red) and skipped (grey) parts of the total, with the count in words. */
export function WarmupProgress({ job, className }: { job: Pick<WarmupJob, "total" | "done" | "failed" | "skipped">; className?: string }) {
  const finished = job.done + job.failed + job.skipped;
  const share = (count: number) => `${job.total === 0 ? 0 : (count / job.total) * 100}%`;
  return (
    <div className={cn("min-w-32", className)}>
      <div
        role="progressbar"
        aria-label="Warm-up progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${job.total} items`}
        data-testid="warmup-progress"
        className="flex h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="bg-emerald-500 transition-[width]" style={{ width: share(job.done) }} />
        <div className="bg-red-500 transition-[width]" style={{ width: share(job.failed) }} />
        <div className="bg-slate-400 transition-[width]" style={{ width: share(job.skipped) }} />
      </div>
      <p className="mt-1 text-xs text-slate-500 tabular-nums" data-testid="warmup-progress-text">
        {formatNumber(finished)} / {formatNumber(job.total)}
        {job.failed > 0 ? ` · ${formatNumber(job.failed)} failed` : ""}
      </p>
    </div>
  );
}
