"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import type { AlertEvent, AlertRule } from "@/lib/alerts/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { alertRuleColumns } from "./alert-rule-columns";
import { AlertRuleFormDialog } from "./alert-rule-form-dialog";
import { AlertHistory } from "./alert-history";
import { alertKeys, alertRulesQuery, deleteAlertRule, sendTestAlert } from "./alerts-api";

function testOutcome(event: AlertEvent): string {
  const channels = new Map<string, boolean>();
  for (const d of event.deliveries) channels.set(`${d.channelType} ${d.target}`, (channels.get(`${d.channelType} ${d.target}`) ?? false) || d.status === "success");
  const sent = [...channels.values()].filter(Boolean).length;
  return `Test alert for “${event.ruleName}”: delivered to ${sent} of ${channels.size} channel${channels.size === 1 ? "" : "s"}`;
}

export function AlertsPageClient({ canEdit, now }: { canEdit: boolean; now?: string }) {
  const [editing, setEditing] = useState<AlertRule | "new" | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const toast = useToast();
  const rules = useQuery(alertRulesQuery());
  const remove = useInvalidatingMutation((rule: AlertRule) => deleteAlertRule(rule.id), [alertKeys.all], (_, rule) => {
    setDeleting(null);
    toast(`Alert rule “${rule.name}” deleted`);
  });
  const test = useInvalidatingMutation((rule: AlertRule) => sendTestAlert(rule.id), [alertKeys.all], (event) => toast(testOutcome(event)));

  const columns = alertRuleColumns({
    canEdit,
    testingId: test.isPending ? (test.variables?.id ?? null) : null,
    onTest: (rule) => test.mutate(rule),
    onEdit: setEditing,
    onDelete: (rule) => {
      remove.reset();
      setDeleting(rule);
    },
  });

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Get a webhook, Slack message or e-mail when quota usage, spend, error rate or latency crosses a threshold."
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setEditing("new")} data-testid="create-alert-rule">
              New rule
            </Button>
          )
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Rules" description="Each threshold fires once per quota period or window." />
          {test.error && (
            <InlineAlert tone="error" className="m-4" testId="test-alert-error">
              Could not send the test alert: {errorMessage(test.error)}
            </InlineAlert>
          )}
          <DataTable
            label="Alert rules"
            testId="alert-rules-table"
            rowTestId="alert-rule-row"
            columns={columns}
            rows={rules.data?.data}
            rowKey={(rule) => rule.id}
            isLoading={rules.isLoading}
            error={rules.error}
            onRetry={() => void rules.refetch()}
            empty={
              <EmptyState
                title="No alert rules yet"
                description={canEdit ? "Create a rule to be told when a key nears its quota, spend jumps or errors pile up." : undefined}
              />
            }
          />
        </Card>
        <AlertHistory rules={rules.data?.data ?? []} now={now} />
      </div>
      {editing !== null && <AlertRuleFormDialog rule={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title="Delete alert rule?"
        description={
          <>
            <strong>{deleting?.name}</strong> stops alerting, and its alert history is deleted with it.
          </>
        }
        confirmLabel="Delete rule"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </>
  );
}
