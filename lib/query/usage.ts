// Usage: the paginated call log and the daily timeseries behind the dashboard charts.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { fetchJson, toSearch } from "./fetch-json";
import { queryKeys, type TimeseriesParams, type UsageFilters } from "./query-keys";
import type { TimeseriesResponse, UsageResponse } from "./types";

export function usageRecordsQuery(filters: UsageFilters) {
  return queryOptions({
    queryKey: queryKeys.usage.records(filters),
    queryFn: ({ signal }) => fetchJson<UsageResponse>(`/api/admin/usage${toSearch({ ...filters })}`, { signal }),
    // Keep the current page on screen while the next one loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function usageTimeseriesQuery(params: TimeseriesParams) {
  return queryOptions({
    queryKey: queryKeys.usage.timeseries(params),
    queryFn: ({ signal }) => fetchJson<TimeseriesResponse>(`/api/admin/usage/timeseries${toSearch({ ...params })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
