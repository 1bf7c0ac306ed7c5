"use client";
// Columns of the rules table. Actions are passed in so the table stays free of page state.
import { ManagedBadge, managedLock } from "@/components/config-file/managed-badge";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EMPTY_VALUE } from "@/lib/charts/format";
import { LocalTime } from "@/components/ui/local-time";
import { TruncatedText } from "@/components/ui/truncated-text";
import { describeScope, formatThresholds, METRIC_LABELS } from "@/lib/alerts/metric-format";
import type { AlertRule } from "@/lib/alerts/schemas";

const CHANNEL_LABELS = { webhook: "Webhook", slack: "Slack", email: "E-mail" } as const;

export function alertRuleColumns(actions: {
  canEdit: boolean;
  testingId: string | null;
  onTest: (rule: AlertRule) => void;
  onEdit: (rule: AlertRule) => void;
  onDelete: (rule: AlertRule) => void;
}): Column<AlertRule>[] {
  const columns: Column<AlertRule>[] = [
    {
      id: "name",
      header: "Rule",
      cell: (rule) => (
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <TruncatedText text={rule.name} className="font-medium text-slate-900" testId="alert-rule-row-name" />
            {!rule.enabled && <Badge>Disabled</Badge>}
            <ManagedBadge item={rule} />
          </div>
          <TruncatedText
            text={`${METRIC_LABELS[rule.metric]} of ${describeScope(rule.scope, rule.scopeName, rule.scopeId)}${rule.window ? ` · ${rule.window} window` : ""}`}
            className="mt-0.5 text-xs text-slate-500"
          />
        </div>
      ),
    },
    { id: "thresholds", header: "Thresholds", cell: (rule) => <span className="tabular-nums">{formatThresholds(rule.metric, rule.thresholds)}</span> },
    {
      id: "channels",
      header: "Channels",
      cell: (rule) => (
        <div className="flex flex-wrap gap-1">
          {rule.channels.map((channel) => (
            <Badge key={channel.id} tone="indigo" title={channel.type === "email" ? channel.to : channel.url}>
              {CHANNEL_LABELS[channel.type]}
            </Badge>
          ))}
        </div>
      ),
    },
    { id: "lastFired", header: "Last fired", cell: (rule) => <span className="whitespace-nowrap">{rule.lastFiredAt ? <LocalTime iso={rule.lastFiredAt} withTime /> : EMPTY_VALUE}</span> },
  ];
  if (!actions.canEdit) return columns;
  columns.push({
    id: "actions",
    header: <span className="sr-only">Actions</span>,
    align: "right",
    pinned: "right",
    cell: (rule) => (
      <div className="flex justify-end gap-1">
        <Button size="sm" variant="ghost" onClick={() => actions.onTest(rule)} pending={actions.testingId === rule.id} disabled={actions.testingId !== null} aria-label={`Send a test alert for ${rule.name}`} data-testid="test-alert-rule">
          Send test
        </Button>
        <Button size="sm" variant="ghost" onClick={() => actions.onEdit(rule)} aria-label={`Edit ${rule.name}`} data-testid="edit-alert-rule" {...managedLock(rule)}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" className="text-red-600 hover:text-red-700" onClick={() => actions.onDelete(rule)} aria-label={`Delete ${rule.name}`} data-testid="delete-alert-rule" {...managedLock(rule)}>
          Delete
        </Button>
      </div>
    ),
  });
  return columns;
}
