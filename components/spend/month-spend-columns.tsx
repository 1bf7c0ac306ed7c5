"use client";
// "Spend this month" and "Calls this month" for the keys, users and teams lists: one grouped query
// for the rows on screen (lib/query/spend.ts), read from the hourly rollups. A row the answer does
// not name had no calls this month; while the answer is on its way the cells show a skeleton.
import { useQuery } from "@tanstack/react-query";
import type { Column } from "@/components/data-table/data-table";
import { Skeleton } from "@/components/ui/states";
import { formatCurrency, formatNumber } from "@/lib/charts/format";
import { spendIds, spendQuery } from "@/lib/query/spend";
import type { SpendScope } from "@/lib/usage/spend-schemas";

export interface MonthSpend {
  /** null while loading or after a failure (the cells then show a skeleton or a dash) */
  of: (id: string) => { calls: number; cost: number } | null;
  failed: boolean;
}

export function useMonthSpend(by: SpendScope, rows: readonly { id: string }[] | undefined): MonthSpend {
  const ids = spendIds((rows ?? []).map((row) => row.id));
  const query = useQuery({ ...spendQuery({ by, ids }), enabled: ids !== "" });
  const byId = new Map((query.data?.data ?? []).map((row) => [row.id, row]));
  return {
    of: (id) => (query.data ? (byId.get(id) ?? { calls: 0, cost: 0 }) : null),
    failed: Boolean(query.error) && !query.data,
  };
}

function SpendCell({ spend, id, field }: { spend: MonthSpend; id: string; field: "cost" | "calls" }) {
  const row = spend.of(id);
  if (!row) return spend.failed ? <span className="text-slate-400">—</span> : <Skeleton className="ml-auto h-4 w-12" />;
  const value = row[field];
  return (
    <span className={value === 0 ? "text-slate-400 tabular-nums" : "tabular-nums"} data-testid={`month-${field}`}>
      {field === "cost" ? formatCurrency(value) : formatNumber(value)}
    </span>
  );
}

/** The two columns, to put in a list's columns where they read best. */
export function monthSpendColumns<T extends { id: string }>(spend: MonthSpend): Column<T>[] {
  return [
    { id: "monthCost", header: "Spend this month", align: "right", cell: (row) => <SpendCell spend={spend} id={row.id} field="cost" /> },
    { id: "monthCalls", header: "Calls this month", align: "right", cell: (row) => <SpendCell spend={spend} id={row.id} field="calls" /> },
  ];
}
