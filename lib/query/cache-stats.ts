// The response cache's stats (GET /api/admin/cache/stats), read by the Cache page and the dashboard.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { CacheStats } from "@/lib/cache/schemas";
import { adminRead, toSearch } from "./fetch-json";

export interface CacheStatsParams {
  from: string;
  to: string;
  model?: string;
  teamId?: string;
}

export function cacheStatsQuery(params: CacheStatsParams) {
  return queryOptions({
    queryKey: ["cache", "stats", params] as const,
    ...adminRead<CacheStats>(`/api/admin/cache/stats${toSearch({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}
