// Usage: the call log (keyset pages), one call's detail, and the daily timeseries behind the dashboard charts.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { resolveDateRange, type DateRangeSelection, type ResolvedRange } from "@/lib/charts/date-range";
import type { UsageDetail } from "@/lib/usage/schemas";
import { adminRead, toSearch } from "./fetch-json";
import { queryKeys, type TimeseriesParams, type UsageFilters } from "./query-keys";
import type { TimeseriesResponse, UsageResponse } from "./types";

/** Rows per page of the call log; the server page prefetches the first page with the same size. */
export const USAGE_PAGE_SIZE = 50;

/** The range the dashboard and the usage page open with. */
export const DEFAULT_USAGE_RANGE: DateRangeSelection = { preset: "7d" };

/**
 * The default range resolved at `now`. The server page resolves it for its prefetch and hands the
 * same `now` to the client (useDateRange's `initialNow`), so both build the same query key.
 */
export function defaultUsageRange(now: Date): ResolvedRange {
  const range = resolveDateRange(DEFAULT_USAGE_RANGE, now);
  // A preset always resolves; only an incomplete custom range gives null.
  if (!range) throw new Error("The default usage range must be a preset");
  return range;
}

export function usageRecordsQuery(filters: UsageFilters) {
  return queryOptions({
    queryKey: queryKeys.usage.records(filters),
    ...adminRead<UsageResponse>(`/api/admin/usage${toSearch({ ...filters })}`),
    // Keep the current page on screen while the next one loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function usageDetailQuery(requestId: string) {
  return queryOptions({
    queryKey: queryKeys.usage.detail(requestId),
    ...adminRead<UsageDetail>(`/api/admin/usage/${encodeURIComponent(requestId)}`),
  });
}

export function usageTimeseriesQuery(params: TimeseriesParams) {
  return queryOptions({
    queryKey: queryKeys.usage.timeseries(params),
    ...adminRead<TimeseriesResponse>(`/api/admin/usage/timeseries${toSearch({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}
