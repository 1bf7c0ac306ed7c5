"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { limitSummary, PERIOD_LABELS, SCOPE_LABELS } from "@/lib/quotas/quota-display";
import type { Quota } from "@/lib/quotas/schemas";
import type { RateLimit } from "@/lib/rate-limits/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { quotaColumns, rateLimitColumns } from "./quota-columns";
import { QuotaFormDialog, type QuotaDraft } from "./quota-form-dialog";
import { QuotaStatusCard, type StatusTarget } from "./quota-status-card";
import { deleteQuota, deleteRateLimit, quotaKeys, quotasQuery, rateLimitsQuery } from "./quotas-api";
import { RateLimitFormDialog } from "./rate-limit-form-dialog";

type Deleting = { kind: "quota"; row: Quota } | { kind: "rate-limit"; row: RateLimit };

export function QuotasPageClient({ canEdit, orgId }: { canEdit: boolean; orgId: string }) {
  const quotas = useQuery(quotasQuery());
  const rateLimits = useQuery(rateLimitsQuery());
  const [quotaDraft, setQuotaDraft] = useState<QuotaDraft | null>(null);
  const [rateDraft, setRateDraft] = useState<RateLimit | "new" | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const [target, setTarget] = useState<StatusTarget>({ scope: "org", scopeId: "" });
  const toast = useToast();
  const remove = useInvalidatingMutation(
    async (item: Deleting): Promise<void> => {
      if (item.kind === "quota") await deleteQuota(item.row.id);
      else await deleteRateLimit(item.row.id);
    },
    [quotaKeys.all],
    (_, item) => {
      setDeleting(null);
      const target = `${SCOPE_LABELS[item.row.scope].toLowerCase()} ${item.row.scopeName ?? item.row.scopeId}`;
      toast(item.kind === "quota" ? `${PERIOD_LABELS[item.row.period]} quota of ${target} deleted` : `Rate limit of ${target} deleted`);
    },
  );
  const askDelete = (item: Deleting) => {
    remove.reset();
    setDeleting(item);
  };
  const showUsage = (quota: Quota) => {
    if (quota.scope === "tier") return;
    setTarget({ scope: quota.scope, scopeId: quota.scopeId });
    document.getElementById("quota-status")?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  const tierRows = quotas.data?.data.filter((q) => q.scope === "tier");
  const scopedRows = quotas.data?.data.filter((q) => q.scope !== "tier");
  const editQuota = (quota: Quota) => setQuotaDraft({ quota });
  const deleteQuotaRow = (row: Quota) => askDelete({ kind: "quota", row });

  return (
    <>
      <PageHeader
        title="Quotas & limits"
        description="Calls, tokens and cost per day, month or all time; requests and tokens per minute. The tightest limit that applies wins."
        actions={
          canEdit && (
            <>
              <Button onClick={() => setRateDraft("new")} data-testid="create-rate-limit">
                New rate limit
              </Button>
              <Button variant="primary" onClick={() => setQuotaDraft({ preset: { scope: "key" } })} data-testid="create-quota">
                New quota
              </Button>
            </>
          )
        }
      />
      <div className="space-y-6">
        <QuotaStatusCard target={target} orgId={orgId} onChange={setTarget} />

        <Card>
          <CardHeader title="Quotas" description="Per key, user, team or the whole organization." />
          <DataTable
            label="Quotas"
            testId="quotas-table"
            rowTestId="quota-row"
            columns={quotaColumns({ canEdit, onEdit: editQuota, onDelete: deleteQuotaRow, onShow: showUsage })}
            rows={scopedRows}
            rowKey={(q) => q.id}
            isLoading={quotas.isLoading}
            error={quotas.error}
            onRetry={() => void quotas.refetch()}
            empty={<EmptyState title="No quotas yet" description={canEdit ? "Add one to cap a key, user, team or the organization." : undefined} />}
          />
        </Card>

        <Card>
          <CardHeader
            title="Tier defaults"
            description="Apply to every user of a tier who has no quota of their own for the same period."
            actions={
              canEdit && (
                <Button size="sm" onClick={() => setQuotaDraft({ preset: { scope: "tier" } })} data-testid="create-tier-quota">
                  Add tier default
                </Button>
              )
            }
          />
          <DataTable
            label="Tier defaults"
            testId="tier-quotas-table"
            rowTestId="tier-quota-row"
            columns={quotaColumns({ canEdit, tiers: true, onEdit: editQuota, onDelete: deleteQuotaRow })}
            rows={tierRows}
            rowKey={(q) => q.id}
            isLoading={quotas.isLoading}
            error={quotas.error}
            onRetry={() => void quotas.refetch()}
            empty={<EmptyState title="No tier defaults" description="Users are limited only by their own, their team's and the organization's quotas." />}
          />
        </Card>

        <Card>
          <CardHeader title="Rate limits" description="Requests and tokens per minute, over a sliding minute shared by every replica." />
          <DataTable
            label="Rate limits"
            testId="rate-limits-table"
            rowTestId="rate-limit-row"
            columns={rateLimitColumns({ canEdit, onEdit: setRateDraft, onDelete: (row) => askDelete({ kind: "rate-limit", row }) })}
            rows={rateLimits.data?.data}
            rowKey={(r) => r.id}
            isLoading={rateLimits.isLoading}
            error={rateLimits.error}
            onRetry={() => void rateLimits.refetch()}
            empty={<EmptyState title="No rate limits" description={canEdit ? "Add one to cap requests or tokens per minute for a key, user or team." : undefined} />}
          />
        </Card>
      </div>

      <QuotaFormDialog draft={quotaDraft} orgId={orgId} onClose={() => setQuotaDraft(null)} />
      <RateLimitFormDialog draft={rateDraft} onClose={() => setRateDraft(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title={deleting?.kind === "rate-limit" ? "Delete rate limit?" : "Delete quota?"}
        description={
          deleting?.kind === "quota" ? (
            <>
              The {PERIOD_LABELS[deleting.row.period].toLowerCase()} quota of <strong>{deleting.row.scopeName ?? deleting.row.scopeId}</strong> (
              {limitSummary(deleting.row)}) stops applying at once.
            </>
          ) : (
            <>
              <strong>{deleting?.row.scopeName ?? deleting?.row.scopeId}</strong> will no longer be rate limited.
            </>
          )
        }
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </>
  );
}
