"use client";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Td, Tr } from "@/components/ui/table";
import type { ConsoleBatch } from "@/lib/batches/schemas";
import { formatCurrency, formatNumber } from "@/lib/charts/format";
import { batchFileUrl, isRunning } from "./batches-api";
import { BatchProgressBar } from "./batch-progress-bar";
import { BatchStatusBadge } from "./batch-status-badge";

function Download({ batch, kind, count }: { batch: ConsoleBatch; kind: "input" | "output" | "error"; count?: number }) {
  if (count === 0) return null;
  return (
    <a href={batchFileUrl(batch.id, kind)} download className="text-sm font-medium text-indigo-600 hover:text-indigo-500" data-testid={`download-${kind}`}>
      {kind}
    </a>
  );
}

export function BatchRow({ batch, showOwner, canCancel, onCancel }: { batch: ConsoleBatch; showOwner: boolean; canCancel: boolean; onCancel: (batch: ConsoleBatch) => void }) {
  return (
    <Tr data-testid="batch-row" data-batch-id={batch.id}>
      <Td>
        <div className="font-mono text-xs text-slate-900">{batch.id}</div>
        <div className="text-xs text-slate-500">
          {batch.endpoint} · {batch.inputFilename ?? batch.inputFileId}
        </div>
        {showOwner && <div className="text-xs text-slate-500">{batch.userEmail ?? batch.userId}{batch.keyName ? ` · key ${batch.keyName}` : ""}</div>}
      </Td>
      <Td>
        <BatchStatusBadge status={batch.status} />
      </Td>
      <Td>
        <BatchProgressBar batch={batch} />
      </Td>
      <Td className="text-right tabular-nums" data-testid="batch-cost">
        {formatCurrency(batch.cost)}
        <div className="text-xs text-slate-500">{formatNumber(batch.inputTokens + batch.outputTokens)} tokens</div>
      </Td>
      <Td className="text-xs text-slate-600">
        <LocalTime iso={batch.createdAt} withTime />
      </Td>
      <Td>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Download batch={batch} kind="input" />
          <Download batch={batch} kind="output" count={batch.completed} />
          <Download batch={batch} kind="error" count={batch.failed} />
          {canCancel && isRunning(batch) && batch.status !== "cancelling" && (
            <Button size="sm" variant="danger" onClick={() => onCancel(batch)} data-testid="cancel-batch">
              Cancel
            </Button>
          )}
        </div>
      </Td>
    </Tr>
  );
}
