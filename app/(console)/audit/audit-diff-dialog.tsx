"use client";
// One audit entry in full: who, when, from where, the before/after diff field by field, and the
// two hashes that chain it to its neighbours.
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Checkbox } from "@/components/ui/input";
import type { AuditLogEntry } from "@/lib/audit/schemas";
import { diffSnapshots, formatDiffValue, type DiffChange } from "@/lib/audit/snapshot-diff";
import { auditTargetLabel } from "@/lib/audit/target-label";
import { formatDateTime } from "@/lib/charts/format";
import { actionTone, actorLabel } from "./audit-columns";

const ROW_TONE: Record<DiffChange, string> = {
  added: "bg-emerald-50/70",
  removed: "bg-red-50/70",
  changed: "bg-amber-50/70",
  unchanged: "",
};

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function DiffValue({ value, strike }: { value: unknown; strike?: boolean }) {
  if (value === undefined) return <span className="text-slate-300">—</span>;
  return <span className={cn("font-mono text-xs break-all whitespace-pre-wrap", strike && "text-slate-500 line-through decoration-red-400")}>{formatDiffValue(value)}</span>;
}

function DiffTable({ entry }: { entry: AuditLogEntry }) {
  const rows = diffSnapshots(entry.before, entry.after);
  const isUpdate = entry.before !== null && entry.after !== null;
  // For an update the interesting part is what changed; creates and deletes show every field.
  const [showUnchanged, setShowUnchanged] = useState(!isUpdate);
  const visible = showUnchanged ? rows : rows.filter((row) => row.change !== "unchanged");
  const hidden = rows.length - visible.length;

  if (rows.length === 0) {
    return <p className="text-sm text-slate-500" data-testid="audit-diff-empty">This entry has no before/after snapshot.</p>;
  }
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
        <table className="min-w-full text-sm" data-testid="audit-diff" aria-label="Before and after">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="w-1/4 px-3 py-2">Field</th>
              <th scope="col" className="px-3 py-2">Before</th>
              <th scope="col" className="px-3 py-2">After</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((row) => (
              <tr key={row.path} className={ROW_TONE[row.change]} data-testid="audit-diff-row" data-change={row.change}>
                <td className="px-3 py-1.5 align-top font-mono text-xs text-slate-700">{row.path}</td>
                <td className="px-3 py-1.5 align-top">
                  <DiffValue value={row.before} strike={row.change === "changed" || row.change === "removed"} />
                </td>
                <td className="px-3 py-1.5 align-top">
                  <DiffValue value={row.after} />
                </td>
              </tr>
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={3} className="px-3 py-3 text-center text-sm text-slate-500">
                  No field changed.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {isUpdate && (
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <Checkbox checked={showUnchanged} onChange={(event) => setShowUnchanged(event.target.checked)} data-testid="audit-diff-show-unchanged" />
          Show unchanged fields{hidden > 0 ? ` (${hidden})` : ""}
        </label>
      )}
    </div>
  );
}

export function AuditDiffDialog({ entry, onClose }: { entry: AuditLogEntry | null; onClose: () => void }) {
  return (
    <Dialog
      open={entry !== null}
      onClose={onClose}
      size="lg"
      testId="audit-diff-dialog"
      title={
        entry && (
          <span className="flex flex-wrap items-center gap-2">
            Entry #{entry.id}
            <Badge tone={actionTone(entry.action)} className="font-mono">
              {entry.action}
            </Badge>
          </span>
        )
      }
      description={entry && `${formatDateTime(entry.createdAt)} · ${actorLabel(entry)}`}
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {entry && (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
            <Meta label="Target">{auditTargetLabel(entry)}</Meta>
            <Meta label="Target id">{entry.targetId ?? "—"}</Meta>
            <Meta label="IP address">{entry.ip ?? "—"}</Meta>
            <Meta label="Actor id">{entry.actorId ?? "—"}</Meta>
            <div className="col-span-2 min-w-0">
              <dt className="text-xs text-slate-500">User agent</dt>
              <dd className="text-sm break-words text-slate-900">{entry.userAgent ?? "—"}</dd>
            </div>
          </dl>
          <DiffTable entry={entry} />
          <details className="text-xs text-slate-500">
            <summary className="cursor-pointer select-none">Chain hashes</summary>
            <dl className="mt-2 space-y-1 font-mono break-all">
              <div>
                <dt className="inline text-slate-400">prev </dt>
                <dd className="inline">{entry.prevHash}</dd>
              </div>
              <div>
                <dt className="inline text-slate-400">hash </dt>
                <dd className="inline">{entry.hash}</dd>
              </div>
            </dl>
          </details>
        </div>
      )}
    </Dialog>
  );
}
