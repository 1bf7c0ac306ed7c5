"use client";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { TruncatedText } from "@/components/ui/truncated-text";
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

/** Who made the call: the key (or the playground), and for those who see everyone, the user under it. */
function Caller({ record, seesEveryone }: { record: UsageRecord; seesEveryone: boolean }) {
  return (
    <span className="block min-w-40">
      <span className="whitespace-nowrap">
        {record.keyName ?? muted(record.keyId === null ? "playground" : "—")}
        {record.captured && (
          <Badge tone="indigo" className="ml-1" title="Request and response bodies were captured" testId="usage-captured">
            captured
          </Badge>
        )}
      </span>
      {seesEveryone && <span className="block text-xs text-slate-500">{record.userEmail ?? "—"}</span>}
    </span>
  );
}

export function usageColumns(options: { seesEveryone: boolean; onOpen: (requestId: string) => void }): Column<UsageRecord>[] {
  return [
    {
      id: "time",
      header: "Time",
      className: "whitespace-nowrap",
      // The time opens the call's drawer: one column less than a separate "Details" button.
      cell: (r) => (
        <button
          type="button"
          className="rounded text-left font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          onClick={() => options.onOpen(r.requestId)}
          title={r.requestId}
          data-testid="usage-open"
        >
          {/* The name is read from the content, so its time is the hydrated one in the viewer's zone. */}
          <span className="sr-only">Details of the call at </span>
          <LocalTime iso={r.createdAt} withTime />
          <span className="sr-only"> ({r.requestId})</span>
        </button>
      ),
    },
    {
      id: "model",
      header: "Model",
      cell: (r) => (
        <span className="font-mono text-xs">
          <TruncatedText text={r.model} />
          {r.fallbackModel ? <span className="block text-[11px] text-slate-500">→ {r.fallbackModel}</span> : null}
        </span>
      ),
    },
    // The playground calls as the signed-in user, without a virtual key.
    { id: "caller", header: options.seesEveryone ? "Key · user" : "Key", cell: (r) => <Caller record={r} seesEveryone={options.seesEveryone} /> },
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
  ];
}
