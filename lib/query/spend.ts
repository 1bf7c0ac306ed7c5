// Spend this month per key, user or team (GET /api/admin/usage/spend): the lists' "this month"
// columns ask for the ids on screen, the dashboard for the top spenders.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { SpendResponse } from "@/lib/usage/spend-schemas";
import { adminRead, toSearch } from "./fetch-json";
import { queryKeys, type SpendParams } from "./query-keys";

/** The ids as the query sends them: sorted and joined, so the same rows make the same key in any order. */
export function spendIds(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(",");
}

export function spendQuery(params: SpendParams) {
  return queryOptions({
    queryKey: queryKeys.usage.spend(params),
    ...adminRead<SpendResponse>(`/api/admin/usage/spend${toSearch({ ...params })}`),
    // Paging a list keeps the previous page's figures until the new ones arrive (no flashing skeletons).
    placeholderData: keepPreviousData,
  });
}
