"use client";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { formatCurrency, formatDuration, formatNumber } from "@/lib/charts/format";
import type { UsageRecord } from "@/lib/query/types";
import { cacheLabel, OutcomeBadge } from "./usage-outcome";

/** Marks numbers counted by Tollgate's tokenizer because the upstream did not report usage. */
function Estimated({ record }: { record: UsageRecord }) {
  if (!record.estimated) return null;
  return (
    <span className="ml-1 text-amber-600" title="Estimated: the provider did not report token usage" aria-label="estimated" data-testid="usage-estimated">
      ≈
    </span>
  );
}

const muted = (text: string) => <span className="text-slate-400">{text}</span>;

export function usageColumns(options: { seesEveryone: boolean; onOpen: (requestId: string) => void }): Column<UsageRecord>[] {
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
    },
    {
      id: "model",
      header: "Model",
      cell: (r) => (
        <span className="font-mono text-xs">
          {r.model}
          {r.fallbackModel ? <span className="block text-[11px] text-slate-500">→ {r.fallbackModel}</span> : null}
        </span>
      ),
    },
  ];
  if (options.seesEveryone) columns.push({ id: "user", header: "User", cell: (r) => r.userEmail ?? muted("—") });
  columns.push(
    {
      id: "key",
      header: "Key",
      // The playground calls as the signed-in user, without a virtual key.
      cell: (r) => (
        <span className="whitespace-nowrap">
          {r.keyName ?? muted(r.keyId === null ? "playground" : "—")}
          {r.captured && (
            <Badge tone="indigo" className="ml-1" title="Request and response bodies were captured" testId="usage-captured">
              captured
            </Badge>
          )}
        </span>
      ),
    },
    { id: "status", header: "Status", cell: (r) => <OutcomeBadge record={r} /> },
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
    },
    { id: "cost", header: "Cost", align: "right", cell: (r) => formatCurrency(r.cost) },
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
    { id: "cache", header: "Cache", cell: (r) => (r.cache ? cacheLabel(r.cache) : muted("—")) },
    {
      id: "details",
      header: <span className="sr-only">Details</span>,
      align: "right",
      cell: (r) => (
        <Button size="sm" variant="ghost" onClick={() => options.onOpen(r.requestId)} aria-label={`Details of ${r.requestId}`} data-testid="usage-open">
          Details
        </Button>
      ),
    },
  );
  return columns;
}
