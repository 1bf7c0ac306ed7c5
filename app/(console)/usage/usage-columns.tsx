"use client";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { formatCurrency, formatDuration, formatNumber } from "@/lib/charts/format";
import type { UsageRecord, UsageResponse } from "@/lib/query/types";

function StatusBadge({ record }: { record: UsageRecord }) {
  const ok = record.status >= 200 && record.status < 300 && !record.errorType;
  return (
    <Badge tone={ok ? "green" : "red"} title={record.errorType ?? undefined} testId="usage-status">
      {record.status}
      {record.errorType ? ` · ${record.errorType}` : ""}
    </Badge>
  );
}

/** Marks numbers counted by Tollgate's tokenizer because the upstream did not report usage. */
function Estimated({ record }: { record: UsageRecord }) {
  if (!record.estimated) return null;
  return (
    <span className="ml-1 text-amber-600" title="Estimated: the provider did not report token usage" aria-label="estimated" data-testid="usage-estimated">
      ≈
    </span>
  );
}

export function usageColumns(options: { seesEveryone: boolean; totals: UsageResponse["totals"] | undefined }): Column<UsageRecord>[] {
  const { totals } = options;
  const columns: Column<UsageRecord>[] = [
    {
      id: "time",
      header: "Time",
      className: "whitespace-nowrap",
      cell: (r) => (
        <span title={r.requestId}>
          <LocalTime iso={r.createdAt} withTime />
        </span>
      ),
      footer: totals ? `Total · ${formatNumber(totals.calls)} calls` : undefined,
    },
    { id: "model", header: "Model", cell: (r) => <span className="font-mono text-xs">{r.model}</span> },
  ];
  if (options.seesEveryone) {
    columns.push({ id: "user", header: "User", cell: (r) => r.userEmail ?? <span className="text-slate-400">—</span> });
  }
  columns.push(
    {
      id: "key",
      header: "Key",
      // The playground calls as the signed-in user, without a virtual key.
      cell: (r) => r.keyName ?? <span className="text-slate-400">{r.keyId === null ? "playground" : "—"}</span>,
    },
    {
      id: "tokens",
      header: "Tokens in / out",
      align: "right",
      cell: (r) => (
        <span className="whitespace-nowrap">
          {formatNumber(r.inputTokens)} / {formatNumber(r.outputTokens)}
          <Estimated record={r} />
        </span>
      ),
      footer: totals ? `${formatNumber(totals.inputTokens)} / ${formatNumber(totals.outputTokens)}` : undefined,
    },
    { id: "cost", header: "Cost", align: "right", cell: (r) => formatCurrency(r.cost), footer: totals ? formatCurrency(totals.cost) : undefined },
    {
      id: "latency",
      header: "Latency",
      align: "right",
      cell: (r) => (
        <span className="whitespace-nowrap" title={r.ttftMs !== null ? `Time to first token: ${formatDuration(r.ttftMs)}` : undefined}>
          {formatDuration(r.latencyMs)}
        </span>
      ),
    },
    { id: "status", header: "Status", cell: (r) => <StatusBadge record={r} /> },
    { id: "streamed", header: "Stream", cell: (r) => (r.streamed ? "yes" : <span className="text-slate-400">no</span>) },
  );
  return columns;
}
