"use client";
import { useState } from "react";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import { useDateRange } from "@/components/filters/use-date-range";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { PageHeader } from "@/components/ui/page-header";
import { DEFAULT_USAGE_RANGE } from "@/lib/query/usage";
import { DashboardCharts } from "./dashboard-charts";
import { spenderScopes } from "./dashboard-scopes";
import { GroupByToggle, type GroupBy } from "./group-by-toggle";

/** `now`: the server page's clock (ISO), so the default range is the one it prefetched. `canManage`: an admin. */
export function DashboardPageClient({ seesEveryone, canManage, now }: { seesEveryone: boolean; canManage: boolean; now: string }) {
  const dateRange = useDateRange(DEFAULT_USAGE_RANGE, now);
  const [groupBy, setGroupBy] = useState<GroupBy>("model");
  // A developer only ever sees their own calls, so grouping by user would show one bar.
  const effectiveGroupBy = seesEveryone ? groupBy : "model";

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={seesEveryone ? "Traffic through the gateway across the organization." : "Your calls through the gateway."}
        actions={
          <Button size="sm" onClick={dateRange.refresh} data-testid="dashboard-refresh">
            Refresh
          </Button>
        }
      />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <DateRangeFilter state={dateRange} idPrefix="dashboard" />
        {seesEveryone && <GroupByToggle value={groupBy} onChange={setGroupBy} />}
      </div>
      {dateRange.range ? (
        <DashboardCharts range={dateRange.range} groupBy={effectiveGroupBy} spenderScopes={spenderScopes(seesEveryone)} showCacheSavings={seesEveryone} canManage={canManage} />
      ) : (
        <EmptyState title="Pick a date range" description="Choose both a start and an end day to see the charts." />
      )}
    </>
  );
}
