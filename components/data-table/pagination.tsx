"use client";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/charts/format";

/** "51–100 of 1,234" with previous/next; pages are 1-based like the usage API. */
export function Pagination({
  page,
  pageSize,
  total,
  onPageChange,
  busy,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  busy?: boolean;
}) {
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-4 border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
      <p data-testid="pagination-summary">
        {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={() => onPageChange(page - 1)} disabled={page <= 1 || busy} aria-label="Previous page">
          Previous
        </Button>
        <Button size="sm" onClick={() => onPageChange(page + 1)} disabled={page >= lastPage || busy} aria-label="Next page">
          Next
        </Button>
      </div>
    </nav>
  );
}
