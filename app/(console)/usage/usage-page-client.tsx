"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { useDateRange } from "@/components/filters/use-date-range";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { DEFAULT_USAGE_RANGE, USAGE_PAGE_SIZE, usageRecordsQuery } from "@/lib/query/usage";
import { usageColumns } from "./usage-columns";
import { UsageDetailDrawer } from "./usage-detail-drawer";
import { UsageFilterBar, type UsageFilterValues } from "./usage-filter-bar";
import { UsageTotals } from "./usage-totals";
import { useKeysetPages } from "./use-keyset-pages";

/** `now`: the server page's clock (ISO), so the default range is the one it prefetched. */
export function UsagePageClient({ seesEveryone, recordsFallback, now }: { seesEveryone: boolean; recordsFallback: boolean; now: string }) {
  const dateRange = useDateRange(DEFAULT_USAGE_RANGE, now);
  const [filters, setFilters] = useState<UsageFilterValues>({});
  const pages = useKeysetPages();
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Usage"
        description={seesEveryone ? "Every call through the gateway, refusals included, newest first." : "Your calls through the gateway, refusals included, newest first."}
        actions={
          <Button
            size="sm"
            onClick={() => {
              pages.reset();
              dateRange.refresh();
            }}
            data-testid="usage-refresh"
          >
            Refresh
          </Button>
        }
      />
      <UsageFilterBar
        seesEveryone={seesEveryone}
        recordsFallback={recordsFallback}
        dateRange={dateRange}
        values={filters}
        onChange={(next) => {
          setFilters(next);
          pages.reset();
        }}
        onRangeChange={pages.reset}
      />
      {dateRange.range ? (
        <CallLog
          filters={{ ...filters, from: dateRange.range.from, to: dateRange.range.to, limit: USAGE_PAGE_SIZE, cursor: pages.cursor }}
          seesEveryone={seesEveryone}
          pages={pages}
          onOpen={setOpenId}
        />
      ) : (
        <Card>
          <EmptyState title="Pick a date range" description="Choose both a start and an end day." />
        </Card>
      )}
      <UsageDetailDrawer requestId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function CallLog({
  filters,
  seesEveryone,
  pages,
  onOpen,
}: {
  filters: UsageFilterValues & { from: string; to: string; limit: number; cursor?: string };
  seesEveryone: boolean;
  pages: ReturnType<typeof useKeysetPages>;
  onOpen: (requestId: string) => void;
}) {
  const query = useQuery(usageRecordsQuery(filters));
  const data = query.data;
  // Totals come with the newest page only (keyset pages after it skip the count); keep them while paging.
  const [totals, setTotals] = useState(data?.totals ?? null);
  if (data?.totals && data.totals !== totals) setTotals(data.totals);
  const filtered = Boolean(filters.model || filters.userId || filters.keyId || filters.teamId || filters.status || filters.cache || filters.fallback || filters.requestId);
  return (
    <>
      {totals && <UsageTotals totals={totals} />}
      <Card>
        <DataTable
          label="Usage records"
          testId="usage-table"
          rowTestId="usage-row"
          columns={usageColumns({ seesEveryone, onOpen })}
          rows={data?.records}
          rowKey={(record) => record.requestId}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={
            <EmptyState
              testId="usage-empty"
              title={filtered ? "No calls match these filters" : "No calls in this range"}
              description="Calls appear here a few seconds after they finish."
            />
          }
        />
        {data && (pages.pageNumber > 1 || data.nextCursor) && (
          <nav aria-label="Pagination" className="flex items-center justify-between gap-4 border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
            <p data-testid="pagination-summary">Page {pages.pageNumber}</p>
            <div className="flex gap-2">
              <Button size="sm" onClick={pages.newer} disabled={pages.pageNumber === 1 || query.isFetching} aria-label="Newer calls">
                Newer
              </Button>
              <Button size="sm" onClick={() => data.nextCursor && pages.older(data.nextCursor)} disabled={!data.nextCursor || query.isFetching} aria-label="Older calls">
                Older
              </Button>
            </div>
          </nav>
        )}
      </Card>
    </>
  );
}
