"use client";
// Line items of the report: cost per model and, for chargeback, per team.
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { TruncatedText } from "@/components/ui/truncated-text";
import type { BillingModelLine, BillingReport, BillingTeamLine, BillingTotals } from "@/lib/billing/schemas";
import { formatCurrency, formatNumber, formatPercent } from "@/lib/charts/format";

type Line = Omit<BillingTotals, "errors" | "cachedTokens">;

function usageColumns<T extends Line>(totals: BillingTotals | undefined): Column<T>[] {
  const share = (cost: number) => formatPercent(totals && totals.cost > 0 ? cost / totals.cost : null);
  return [
    { id: "calls", header: "Calls", align: "right", cell: (row) => formatNumber(row.calls), footer: totals && formatNumber(totals.calls) },
    { id: "input", header: "Input tokens", align: "right", cell: (row) => formatNumber(row.inputTokens), footer: totals && formatNumber(totals.inputTokens) },
    { id: "output", header: "Output tokens", align: "right", cell: (row) => formatNumber(row.outputTokens), footer: totals && formatNumber(totals.outputTokens) },
    { id: "cost", header: "Cost", align: "right", cell: (row) => formatCurrency(row.cost), footer: totals && formatCurrency(totals.cost) },
    { id: "share", header: "Share", align: "right", cell: (row) => share(row.cost), footer: totals && share(totals.cost) },
  ];
}

// Team and model names can be long (a team's up to 100 characters): one line, cut, the whole name in
// the tooltip, as on the other list pages, rather than a tall narrow column on a phone.
function teamLabel(line: BillingTeamLine) {
  if (line.teamId === null) return <span className="whitespace-nowrap text-slate-500 italic">No team</span>;
  if (line.teamName === null) return <TruncatedText text={`Deleted team (${line.teamId})`} className="text-slate-500 italic" />;
  return <TruncatedText text={line.teamName} className="font-medium text-slate-900" />;
}

export function BillingTables({ report, isLoading, error, onRetry }: { report: BillingReport | undefined; isLoading: boolean; error: unknown; onRetry: () => void }) {
  const totals = report?.totals;
  const modelColumns: Column<BillingModelLine>[] = [
    { id: "model", header: "Model", cell: (line) => <TruncatedText text={line.model} className="font-medium text-slate-900" />, footer: "Total" },
    ...usageColumns<BillingModelLine>(totals),
  ];
  const teamColumns: Column<BillingTeamLine>[] = [{ id: "team", header: "Team", cell: teamLabel, footer: "Total" }, ...usageColumns<BillingTeamLine>(totals)];

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader title="By model" description="What each model cost over the period" />
        <DataTable
          label="Cost by model"
          testId="billing-models-table"
          rowTestId="billing-model-row"
          columns={modelColumns}
          rows={report?.byModel}
          rowKey={(line) => line.model}
          isLoading={isLoading}
          error={error}
          onRetry={onRetry}
          empty={<EmptyState title="No calls in this period" />}
        />
      </Card>
      <Card>
        <CardHeader title="By team" description="Chargeback: calls are charged to the team of the key that made them" />
        <DataTable
          label="Cost by team"
          testId="billing-teams-table"
          rowTestId="billing-team-row"
          columns={teamColumns}
          rows={report?.byTeam}
          rowKey={(line) => line.teamId ?? ""}
          isLoading={isLoading}
          error={error}
          onRetry={onRetry}
          empty={<EmptyState title="No calls in this period" />}
        />
      </Card>
    </div>
  );
}
