"use client";
// Creates or changes a quota. A quota is keyed by scope, target and period, so editing one changes
// only its limits; every limit left empty means "not limited" (at least one must be set).
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog, formNumber } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { PERIOD_LABELS, SCOPE_LABELS } from "@/lib/quotas/quota-display";
import { QUOTA_PERIODS } from "@/lib/quotas/periods";
import { QUOTA_SCOPES, upsertQuotaSchema, type Quota, type QuotaScope } from "@/lib/quotas/schemas";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { assertValid } from "@/lib/query/validate";
import { putQuota, quotaKeys, type UpsertQuotaBody } from "./quotas-api";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";

export type QuotaDraft = { quota: Quota } | { preset: { scope: QuotaScope } };

export function QuotaFormDialog({ draft, orgId, onClose }: { draft: QuotaDraft | null; orgId: string; onClose: () => void }) {
  // Remounted per draft, so the fields start from the quota (or preset) being edited.
  return draft && <QuotaForm key={"quota" in draft ? draft.quota.id : `new-${draft.preset.scope}`} draft={draft} orgId={orgId} onClose={onClose} />;
}

function QuotaForm({ draft, orgId, onClose }: { draft: QuotaDraft; orgId: string; onClose: () => void }) {
  const editing = "quota" in draft ? draft.quota : null;
  const [scope, setScope] = useState<QuotaScope>(editing?.scope ?? ("preset" in draft ? draft.preset.scope : "key"));
  const [scopeId, setScopeId] = useState(editing?.scopeId ?? "");
  const toast = useToast();
  const save = useInvalidatingMutation(
    (body: UpsertQuotaBody) => {
      assertValid(upsertQuotaSchema, body);
      return putQuota(body);
    },
    [quotaKeys.all],
    (saved) => {
      onClose();
      toast(`${PERIOD_LABELS[saved.period]} quota for ${saved.scopeName ?? saved.scopeId} saved`);
    },
  );

  const submit = (form: FormData) => {
    const period = (editing?.period ?? form.get("period")) as UpsertQuotaBody["period"];
    save.mutate({
      scope,
      scopeId: scope === "org" ? orgId : scopeId,
      period,
      maxCalls: formNumber(form, "maxCalls") ?? null,
      maxTokens: formNumber(form, "maxTokens") ?? null,
      maxCost: formNumber(form, "maxCost") ?? null,
    });
  };

  return (
    <FormDialog
      open
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={editing ? `Edit ${PERIOD_LABELS[editing.period].toLowerCase()} quota` : scope === "tier" ? "New tier default" : "New quota"}
      description={
        scope === "tier"
          ? "Applies to every user of the tier who has no quota of their own for the same period."
          : "Calls are refused with 429 quota_exceeded once any limit is reached, until the period resets."
      }
      submitLabel={editing ? "Save" : "Create quota"}
      pending={save.isPending}
      formError={formErrorOf(save.error, ["scope", "scopeId", "period", "maxCalls", "maxTokens", "maxCost"])}
      onSubmit={submit}
      testId="quota-form"
    >
      <div className="grid grid-cols-2 gap-4">
        <Field id="quota-scope" label="Scope" error={fieldErrorOf(save.error, "scope")}>
          {(control) => (
            <Select
              {...control}
              value={scope}
              disabled={Boolean(editing)}
              onChange={(event) => {
                setScope(event.target.value as QuotaScope);
                setScopeId("");
              }}
            >
              {QUOTA_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {SCOPE_LABELS[s]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="quota-period" label="Period" error={fieldErrorOf(save.error, "period")} hint="Calendar day or month in the server's time zone.">
          {(control) => (
            <Select {...control} name="period" defaultValue={editing?.period ?? "daily"} disabled={Boolean(editing)}>
              {QUOTA_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {PERIOD_LABELS[p]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <ScopeTargetSelect id="quota-target" scope={scope} value={scopeId} onChange={setScopeId} error={save.error} disabled={Boolean(editing)} />
      <div className="grid grid-cols-3 gap-4">
        <Field id="quota-max-calls" label="Max calls" optional error={fieldErrorOf(save.error, "maxCalls")}>
          {(control) => <Input {...control} name="maxCalls" type="number" min={0} step={1} inputMode="numeric" defaultValue={editing?.maxCalls ?? ""} placeholder="No limit" />}
        </Field>
        <Field id="quota-max-tokens" label="Max tokens" optional error={fieldErrorOf(save.error, "maxTokens")}>
          {(control) => <Input {...control} name="maxTokens" type="number" min={0} step={1} inputMode="numeric" defaultValue={editing?.maxTokens ?? ""} placeholder="No limit" />}
        </Field>
        <Field id="quota-max-cost" label="Max cost ($)" optional error={fieldErrorOf(save.error, "maxCost")}>
          {(control) => <Input {...control} name="maxCost" type="number" min={0} step="any" inputMode="decimal" defaultValue={editing?.maxCost ?? ""} placeholder="No limit" />}
        </Field>
      </div>
    </FormDialog>
  );
}
