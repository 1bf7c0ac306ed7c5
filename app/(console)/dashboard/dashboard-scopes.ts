// What the dashboard ranks and how it buckets, decided once for the server page's prefetch and the
// client, so both build the same query keys.
import { chartInterval } from "@/lib/charts/buckets";
import type { ResolvedRange } from "@/lib/charts/date-range";
import type { TimeseriesParams } from "@/lib/query/query-keys";
import { spendQuery } from "@/lib/query/spend";
import type { SpendScope } from "@/lib/usage/spend-schemas";

/** Admins and viewers rank users, teams and keys; a developer sees only their own calls, so their keys. */
export function spenderScopes(seesEveryone: boolean): readonly SpendScope[] {
  return seesEveryone ? ["user", "team", "key"] : ["key"];
}

export function timeseriesParams(range: ResolvedRange, groupBy: TimeseriesParams["groupBy"]): TimeseriesParams {
  return { from: range.from, to: range.to, groupBy, interval: chartInterval(range) };
}

export const TOP_SPENDERS = 5;

/** The top spenders card's query (the page prefetches the default scope's). */
export function topSpendersQuery(range: ResolvedRange, by: SpendScope) {
  return spendQuery({ by, from: range.from, to: range.to, limit: TOP_SPENDERS });
}
