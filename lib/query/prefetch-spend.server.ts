// The lists' "spend this month" columns are prefetched with the list (convention 6): the ids come
// from the list the page just prefetched, so the spend query's key is the one the client builds from
// the same rows (useMonthSpend) and the first paint, and the server HTML, have the figures.
import "server-only";
import { hashKey, type DehydratedState, type QueryKey } from "@tanstack/react-query";
import { GET as getSpend } from "@/lib/usage/spend-route";
import type { SpendScope } from "@/lib/usage/spend-schemas";
import { prefetchAdmin } from "./prefetch-admin.server";
import { spendIds, spendQuery } from "./spend";

/** `state` with the month's spend of the rows `list` holds in it added (unchanged when the list was not prefetched or is empty). */
export async function withMonthSpend(state: DehydratedState, list: { queryKey: QueryKey }, by: SpendScope): Promise<DehydratedState> {
  const listed = state.queries.find((query) => query.queryHash === hashKey(list.queryKey))?.state.data as { data?: { id: string }[] } | undefined;
  const ids = spendIds((listed?.data ?? []).map((row) => row.id));
  if (ids === "") return state;
  const spend = await prefetchAdmin([{ query: spendQuery({ by, ids }), handler: getSpend }]);
  return { ...state, queries: [...state.queries, ...spend.queries] };
}
