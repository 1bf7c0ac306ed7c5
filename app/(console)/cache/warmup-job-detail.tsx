"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Label } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Select } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/states";
import { WARMUP_ITEM_STATUSES, type WarmupItem, type WarmupItemStatus, type WarmupJob } from "@/lib/cache-warmup/schemas";
import { formatCurrency, formatDuration, formatNumber } from "@/lib/charts/format";
import { errorMessage } from "@/lib/query/api-error";
import { isActive, WARMUP_ITEMS_PAGE_SIZE, warmupItemsQuery } from "./cache-api";
import { WarmupProgress, WarmupStatusBadge } from "./warmup-status";

const ITEM_TONES: Record<WarmupItemStatus, BadgeTone> = { pending: "neutral", running: "sky", done: "green", failed: "red", skipped: "neutral", interrupted: "amber" };

function cacheLabel(cache: string | null): string {
  if (cache === "hit" || cache === "semantic-hit") return "already cached";
  return cache ?? "";
}

const COLUMNS: Column<WarmupItem>[] = [
  { id: "line", header: "Line", align: "right", cell: (item) => item.line },
  {
    id: "prompt",
    header: "Prompt",
    className: "min-w-56",
    cell: (item) => (
      <div>
        <p className="line-clamp-2 break-words text-slate-900">{item.prompt}</p>
        {item.error && (
          <p className="mt-0.5 text-xs break-words text-red-700" data-testid="warmup-item-error">
            {item.error}
          </p>
        )}
      </div>
    ),
  },
  {
    id: "status",
    header: "Result",
    cell: (item) => (
      <div className="flex flex-wrap items-center gap-1">
        <Badge tone={ITEM_TONES[item.status]} testId="warmup-item-status">
          {item.status}
        </Badge>
        {item.status === "done" && cacheLabel(item.cache) === "already cached" && <Badge tone="indigo">already cached</Badge>}
      </div>
    ),
  },
  { id: "tokens", header: "Tokens", align: "right", cell: (item) => (item.status === "done" ? `${formatNumber(item.inputTokens)} / ${formatNumber(item.outputTokens)}` : "") },
  { id: "cost", header: "Cost", align: "right", cell: (item) => (item.status === "done" ? formatCurrency(item.cost) : "") },
  { id: "latency", header: "Time", align: "right", cell: (item) => (item.latencyMs === null ? "" : formatDuration(item.latencyMs)) },
];

export function WarmupJobDetail({ job, canEdit, onCancel, cancelling, cancelError }: { job: WarmupJob; canEdit: boolean; onCancel: () => void; cancelling: boolean; cancelError: unknown }) {
  const [status, setStatus] = useState<WarmupItemStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const active = isActive(job);
  const items = useQuery(warmupItemsQuery(job.id, status, page, `${job.status}:${job.done}:${job.failed}:${job.skipped}:${job.running}`));
  return (
    <Card data-testid="warmup-job-detail">
      <CardHeader
        title={`Warm-up of ${job.model}`}
        description={`${formatNumber(job.total)} items · ${job.concurrency} at once · started by ${job.createdBy}`}
        actions={
          <>
            <WarmupStatusBadge status={job.status} />
            {canEdit && active && (
              <Button size="sm" variant="danger" onClick={onCancel} pending={cancelling} data-testid="warmup-cancel">
                Cancel
              </Button>
            )}
          </>
        }
      />
      <div className="space-y-3 border-b border-slate-100 p-4">
        <WarmupProgress job={job} />
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
          {[
            ["Answered", job.done, "warmup-done"],
            ["Already cached", job.hits, "warmup-hits"],
            ["Failed", job.failed, "warmup-failed"],
            ["Skipped", job.skipped, "warmup-skipped"],
          ].map(([label, value, testId]) => (
            <div key={label as string}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="font-semibold text-slate-900 tabular-nums" data-testid={testId as string}>
                {formatNumber(value as number)}
              </dd>
            </div>
          ))}
          <div>
            <dt className="text-xs text-slate-500">Cost</dt>
            <dd className="font-semibold text-slate-900 tabular-nums" data-testid="warmup-cost">
              {formatCurrency(job.cost)}
            </dd>
          </div>
        </dl>
        {job.error && <InlineAlert tone="error">Stopped: {job.error}</InlineAlert>}
        {job.status === "interrupted" && <InlineAlert tone="warning">The process running this job stopped. The next runner resumes it; items that were in flight are not sent again.</InlineAlert>}
        {cancelError ? <InlineAlert tone="error">Could not cancel: {errorMessage(cancelError)}</InlineAlert> : null}
      </div>
      <div className="flex items-end gap-3 px-4 py-3">
        <div className="space-y-1">
          <Label htmlFor="warmup-item-status" className="text-xs text-slate-500">
            Show
          </Label>
          <Select
            id="warmup-item-status"
            className="w-40"
            value={status ?? ""}
            onChange={(event) => {
              setStatus((event.target.value || undefined) as WarmupItemStatus | undefined);
              setPage(1);
            }}
          >
            <option value="">Every item</option>
            {WARMUP_ITEM_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <DataTable
        label="Warm-up items"
        testId="warmup-items-table"
        rowTestId="warmup-item-row"
        columns={COLUMNS}
        rows={items.data?.data}
        rowKey={(item) => String(item.seq)}
        isLoading={items.isLoading}
        error={items.error}
        onRetry={() => void items.refetch()}
        empty={<EmptyState title="No items with this result" />}
      />
      {items.data && items.data.total > WARMUP_ITEMS_PAGE_SIZE && (
        <Pagination page={page} pageSize={WARMUP_ITEMS_PAGE_SIZE} total={items.data.total} onPageChange={setPage} busy={items.isFetching} />
      )}
    </Card>
  );
}
