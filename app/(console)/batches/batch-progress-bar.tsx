import type { ConsoleBatch } from "@/lib/batches/schemas";
import { formatNumber } from "@/lib/charts/format";

/** Completed (green) and failed (red) lines out of the total, with the counts in words for screen readers. */
export function BatchProgressBar({ batch }: { batch: ConsoleBatch }) {
  const total = Math.max(batch.total, 1);
  const done = batch.completed + batch.failed;
  const label = `${formatNumber(done)} of ${formatNumber(batch.total)} done: ${formatNumber(batch.completed)} succeeded, ${formatNumber(batch.failed)} failed`;
  return (
    <div className="min-w-[8rem]">
      <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={batch.total} aria-valuenow={done} aria-label={label}>
        <div className="bg-emerald-500" style={{ width: `${(batch.completed / total) * 100}%` }} />
        <div className="bg-red-400" style={{ width: `${(batch.failed / total) * 100}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600" data-testid="batch-counts">
        {batch.status === "validating" ? "validating…" : `${formatNumber(done)} / ${formatNumber(batch.total)}`}
        {batch.failed > 0 && <span className="text-red-600"> · {formatNumber(batch.failed)} failed</span>}
      </p>
    </div>
  );
}
