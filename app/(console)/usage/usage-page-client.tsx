"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useDateRange } from "@/components/filters/use-date-range";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { DEFAULT_USAGE_RANGE, USAGE_PAGE_SIZE, usageRecordsQuery } from "@/lib/query/usage";
import { usageColumns } from "./usage-columns";
import { UsageFilterBar, type UsageFilterValues } from "./usage-filter-bar";

/** `now`: the server page's clock (ISO), so the default range is the one it prefetched. */
export function UsagePageClient({ seesEveryone, now }: { seesEveryone: boolean; now: string }) {
  const dateRange = useDateRange(DEFAULT_USAGE_RANGE, now);
  const [filters, setFilters] = useState<UsageFilterValues>({});
  const [page, setPage] = useState(1);

  return (
    <>
      <PageHeader
        title="Usage"
        description={seesEveryone ? "Every call through the gateway, newest first." : "Your calls through the gateway, newest first."}
        actions={
          <Button size="sm" onClick={dateRange.refresh} data-testid="usage-refresh">
            Refresh
          </Button>
        }
      />
      <UsageFilterBar
        seesEveryone={seesEveryone}
        dateRange={dateRange}
        values={filters}
        onChange={(next) => {
          setFilters(next);
          setPage(1);
        }}
        onRangeChange={() => setPage(1)}
      />
      <Card>
        {dateRange.range ? (
          <UsageTable filters={{ ...filters, from: dateRange.range.from, to: dateRange.range.to, page, pageSize: USAGE_PAGE_SIZE }} seesEveryone={seesEveryone} onPageChange={setPage} />
        ) : (
          <EmptyState title="Pick a date range" description="Choose both a start and an end day." />
        )}
      </Card>
    </>
  );
}

function UsageTable({
  filters,
  seesEveryone,
  onPageChange,
}: {
  filters: UsageFilterValues & { from: string; to: string; page: number; pageSize: number };
  seesEveryone: boolean;
  onPageChange: (page: number) => void;
}) {
  const query = useQuery(usageRecordsQuery(filters));
  const data = query.data;
  const filtered = Boolean(filters.model || filters.userId || filters.keyId);
  return (
    <>
      <DataTable
        label="Usage records"
        testId="usage-table"
        rowTestId="usage-row"
        columns={usageColumns({ seesEveryone, totals: data?.totals })}
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
      {data && data.total > 0 && <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={onPageChange} busy={query.isFetching} />}
    </>
  );
}
