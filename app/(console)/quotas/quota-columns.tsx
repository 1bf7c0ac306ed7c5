"use client";
// Columns of the quotas, tier defaults and rate limits tables.
import { managedLock, NameWithManagedBadge } from "@/components/config-file/managed-badge";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EMPTY_VALUE, formatCurrency, formatNumber } from "@/lib/charts/format";
import { LocalTime } from "@/components/ui/local-time";
import { PERIOD_LABELS, SCOPE_LABELS } from "@/lib/quotas/quota-display";
import type { Quota } from "@/lib/quotas/schemas";
import type { RateLimit } from "@/lib/rate-limits/schemas";

const count = (value: number | null) => (value === null ? <span className="text-slate-400">{EMPTY_VALUE}</span> : formatNumber(value));
const dollars = (value: number | null) => (value === null ? <span className="text-slate-400">{EMPTY_VALUE}</span> : formatCurrency(value));

function target(row: { scope: string; scopeId: string; scopeName: string | null; managedBy: string | null }) {
  return (
    <NameWithManagedBadge item={row}>
      <span className="block max-w-[11rem] truncate font-medium text-slate-900 sm:max-w-[22rem]" title={row.scopeName ? `${row.scopeName} (${row.scopeId})` : row.scopeId}>
        {row.scopeName ?? <span className="text-slate-400">deleted ({row.scopeId})</span>}
      </span>
    </NameWithManagedBadge>
  );
}

type RowActions<T> = { onShow?: (row: T) => void; onEdit?: (row: T) => void; onDelete?: (row: T) => void };

function actions<T extends { id: string; managedBy: string | null }>(label: (row: T) => string, handlers: RowActions<T>, testId: string): Column<T> {
  const { onShow, onEdit, onDelete } = handlers;
  return {
    id: "actions",
    header: <span className="sr-only">Actions</span>,
    align: "right",
    pinned: "right",
    cell: (row) => (
      <div className="flex justify-end gap-1">
        {onShow && (
          <Button size="sm" variant="ghost" onClick={() => onShow(row)} aria-label={`Show usage of ${label(row)}`} data-testid={`show-${testId}`}>
            Usage
          </Button>
        )}
        {onEdit && (
          <Button size="sm" variant="ghost" onClick={() => onEdit(row)} aria-label={`Edit ${label(row)}`} data-testid={`edit-${testId}`} {...managedLock(row)}>
            Edit
          </Button>
        )}
        {onDelete && (
          <Button size="sm" variant="ghost" className="text-red-600 hover:text-red-700" onClick={() => onDelete(row)} aria-label={`Delete ${label(row)}`} data-testid={`delete-${testId}`} {...managedLock(row)}>
            Delete
          </Button>
        )}
      </div>
    ),
  };
}

const quotaLabel = (q: Quota) => `${PERIOD_LABELS[q.period].toLowerCase()} quota of ${q.scopeName ?? q.scopeId}`;

export function quotaColumns(options: { canEdit: boolean; tiers?: boolean; onEdit: (q: Quota) => void; onDelete: (q: Quota) => void; onShow?: (q: Quota) => void }): Column<Quota>[] {
  const columns: Column<Quota>[] = [
    ...(options.tiers
      ? [
          {
            id: "tier",
            header: "Tier",
            cell: (q: Quota) => (
              <NameWithManagedBadge item={q}>
                <Badge tone="sky">{q.scopeId}</Badge>
              </NameWithManagedBadge>
            ),
          },
        ]
      : [
          { id: "scope", header: "Scope", cell: (q: Quota) => <Badge tone={q.scope === "org" ? "indigo" : "neutral"}>{SCOPE_LABELS[q.scope]}</Badge> },
          { id: "target", header: "Applies to", cell: target },
        ]),
    { id: "period", header: "Period", cell: (q) => PERIOD_LABELS[q.period] },
    { id: "calls", header: "Max calls", align: "right", cell: (q) => count(q.maxCalls) },
    { id: "tokens", header: "Max tokens", align: "right", cell: (q) => count(q.maxTokens) },
    { id: "cost", header: "Max cost", align: "right", cell: (q) => dollars(q.maxCost) },
    { id: "updated", header: "Updated", className: "whitespace-nowrap", cell: (q) => <span className="whitespace-nowrap"><LocalTime iso={q.updatedAt} /></span> },
  ];
  const handlers: RowActions<Quota> = { onShow: options.onShow, ...(options.canEdit ? { onEdit: options.onEdit, onDelete: options.onDelete } : {}) };
  if (handlers.onShow || handlers.onEdit) columns.push(actions(quotaLabel, handlers, options.tiers ? "tier-quota" : "quota"));
  return columns;
}

export function rateLimitColumns(options: { canEdit: boolean; onEdit: (r: RateLimit) => void; onDelete: (r: RateLimit) => void }): Column<RateLimit>[] {
  const columns: Column<RateLimit>[] = [
    { id: "scope", header: "Scope", cell: (r) => <Badge>{SCOPE_LABELS[r.scope]}</Badge> },
    { id: "target", header: "Applies to", cell: target },
    { id: "rpm", header: "Requests / min", align: "right", cell: (r) => count(r.rpm) },
    { id: "tpm", header: "Tokens / min", align: "right", cell: (r) => count(r.tpm) },
    { id: "updated", header: "Updated", className: "whitespace-nowrap", cell: (r) => <span className="whitespace-nowrap"><LocalTime iso={r.updatedAt} /></span> },
  ];
  if (options.canEdit) columns.push(actions((r: RateLimit) => `rate limit of ${r.scopeName ?? r.scopeId}`, { onEdit: options.onEdit, onDelete: options.onDelete }, "rate-limit"));
  return columns;
}
