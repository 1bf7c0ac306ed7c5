"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { LocalTime } from "@/components/ui/local-time";
import type { CacheEntrySummary } from "@/lib/cache/schemas";
import { formatNumber } from "@/lib/charts/format";
import { formatBytes } from "@/lib/charts/prepare-cache-stats";
import { cacheKeys, fetchCacheEntriesPage, type CacheEntryFilters, type CursorPage } from "./cache-api";

const SOURCE_LABELS: Record<CacheEntrySummary["source"], string> = { call: "Call", import: "Imported", warmup: "Warm-up" };

function columns(actions: { canEdit: boolean; teamName: (id: string | null) => string; onView: (entry: CacheEntrySummary) => void; onInvalidate: (entry: CacheEntrySummary) => void }): Column<CacheEntrySummary>[] {
  return [
    {
      id: "prompt",
      header: "Prompt",
      className: "max-w-md",
      cell: (entry) => (
        <button type="button" onClick={() => actions.onView(entry)} className="block max-w-md text-left" data-testid="cache-entry-open">
          <span className="line-clamp-2 font-medium break-words text-slate-900 hover:text-indigo-700">{entry.prompt || "(no text)"}</span>
          <span className="mt-0.5 block text-xs text-slate-500">
            {entry.model} · {actions.teamName(entry.teamId)}
            {entry.kind === "embedding" ? " · embedding" : ""}
          </span>
        </button>
      ),
    },
    { id: "source", header: "Source", cell: (entry) => <Badge tone={entry.source === "call" ? "neutral" : "indigo"}>{SOURCE_LABELS[entry.source]}</Badge> },
    { id: "hits", header: "Hits", align: "right", cell: (entry) => formatNumber(entry.hits) },
    { id: "bytes", header: "Size", align: "right", cell: (entry) => formatBytes(entry.bytes) },
    { id: "used", header: "Last used", cell: (entry) => <LocalTime iso={entry.lastUsedAt} withTime /> },
    { id: "expires", header: "Expires", cell: (entry) => <LocalTime iso={entry.expiresAt} withTime /> },
    ...(actions.canEdit
      ? [
          {
            id: "actions",
            header: <span className="sr-only">Actions</span>,
            align: "right" as const,
            pinned: "right" as const,
            cell: (entry: CacheEntrySummary) => (
              <Button size="sm" variant="ghost" onClick={() => actions.onInvalidate(entry)} data-testid="cache-entry-invalidate">
                Invalidate
              </Button>
            ),
          },
        ]
      : []),
  ];
}

export function CacheEntryTable({ filters, ...actions }: { filters: CacheEntryFilters; canEdit: boolean; teamName: (id: string | null) => string; onView: (entry: CacheEntrySummary) => void; onInvalidate: (entry: CacheEntrySummary) => void }) {
  const entries = useInfiniteQuery({
    queryKey: cacheKeys.entries(filters),
    initialPageParam: "",
    queryFn: ({ pageParam }): Promise<CursorPage<CacheEntrySummary>> => fetchCacheEntriesPage(filters, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = entries.data?.pages.flatMap((page) => page.data);
  const filtered = Boolean(filters.model || filters.teamId || filters.q);
  return (
    <>
      <DataTable
        label="Cache entries"
        testId="cache-entries-table"
        rowTestId="cache-entry-row"
        columns={columns(actions)}
        rows={rows}
        rowKey={(entry) => entry.id}
        isLoading={entries.isLoading}
        error={entries.error}
        onRetry={() => void entries.refetch()}
        empty={
          <EmptyState
            testId="cache-entries-empty"
            title={filtered ? "No entry matches these filters" : "The cache is empty"}
            description={filtered ? undefined : "Answers are stored as calls go through with the cache on, by a warm-up, or by importing question–answer pairs."}
          />
        }
      />
      {entries.hasNextPage && (
        <div className="flex justify-center border-t border-slate-100 p-3">
          <Button size="sm" onClick={() => void entries.fetchNextPage()} pending={entries.isFetchingNextPage}>
            Show more
          </Button>
        </div>
      )}
    </>
  );
}
