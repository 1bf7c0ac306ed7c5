"use client";
// Creates or changes a quota. A quota is keyed by scope, target and period, so editing one changes
// only its limits; every limit left empty means "not limited" (at least one must be set).
import { useController, useWatch } from "react-hook-form";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";
import { Field } from "@/components/ui/field";
import { FormDialog, nullableNumber } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { formErrorOf } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { PERIOD_LABELS, SCOPE_LABELS } from "@/lib/quotas/quota-display";
import { QUOTA_PERIODS } from "@/lib/quotas/periods";
import { QUOTA_SCOPES, upsertQuotaSchema, type Quota, type QuotaScope } from "@/lib/quotas/schemas";
import { putQuota, quotaKeys, type UpsertQuotaBody } from "./quotas-api";
import { targetError } from "./target-error";

const FIELDS = ["scope", "scopeId", "period", "maxCalls", "maxTokens", "maxCost"] as const;
const LABELS = { maxCost: "Max cost" };

export type QuotaDraft = { quota: Quota } | { preset: { scope: QuotaScope } };

export function QuotaFormDialog({ draft, orgId, onClose }: { draft: QuotaDraft | null; orgId: string; onClose: () => void }) {
  // Remounted per draft, so the fields start from the quota (or preset) being edited.
  return draft && <QuotaForm key={"quota" in draft ? draft.quota.id : `new-${draft.preset.scope}`} draft={draft} orgId={orgId} onClose={onClose} />;
}

function QuotaForm({ draft, orgId, onClose }: { draft: QuotaDraft; orgId: string; onClose: () => void }) {
  const editing = "quota" in draft ? draft.quota : null;
  const initialScope = editing?.scope ?? ("preset" in draft ? draft.preset.scope : "key");
  const form = useZodForm(upsertQuotaSchema, {
    labels: LABELS,
    defaultValues: {
      scope: initialScope,
      scopeId: editing?.scopeId ?? (initialScope === "org" ? orgId : ""),
      period: editing?.period ?? "daily",
      maxCalls: editing?.maxCalls ?? null,
      maxTokens: editing?.maxTokens ?? null,
      maxCost: editing?.maxCost ?? null,
    },
  });
  const target = useController({ control: form.control, name: "scopeId" });
  const scope = useWatch({ control: form.control, name: "scope" });
  const toast = useToast();
  const save = useInvalidatingMutation((body: UpsertQuotaBody) => putQuota(body), [quotaKeys.all], (saved) => {
    onClose();
    toast(`${PERIOD_LABELS[saved.period]} quota for ${saved.scopeName ?? saved.scopeId} saved`);
  });
  const submit = form.handleSubmit((body) => save.mutate(body, { onError: (error) => applyServerError(form, error, FIELDS, LABELS) }));

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? `Edit ${PERIOD_LABELS[editing.period].toLowerCase()} quota` : scope === "tier" ? "New tier default" : "New quota"}
      description={
        scope === "tier"
          ? "Applies to every user of the tier who has no quota of their own for the same period."
          : "Calls are refused with 429 quota_exceeded once any limit is reached, until the period resets."
      }
      submitLabel={editing ? "Save" : "Create quota"}
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="quota-form"
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="quota-scope" label="Scope" error={errorOf(form, "scope")}>
          {(control) => (
            <Select
              {...control}
              {...form.register("scope", {
                // Another scope has other targets: the organization's is known, the rest are chosen.
                onChange: (event: { target: { value: string } }) => form.setValue("scopeId", event.target.value === "org" ? orgId : ""),
              })}
              disabled={Boolean(editing)}
            >
              {QUOTA_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {SCOPE_LABELS[s]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="quota-period" label="Period" error={errorOf(form, "period")} hint="Calendar day or month in the server's time zone.">
          {(control) => (
            <Select {...control} {...form.register("period")} disabled={Boolean(editing)}>
              {QUOTA_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {PERIOD_LABELS[p]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <ScopeTargetSelect id="quota-target" scope={scope} value={target.field.value} onChange={target.field.onChange} error={targetError(errorOf(form, "scopeId"), target.field.value, SCOPE_LABELS[scope])} disabled={Boolean(editing)} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field id="quota-max-calls" label="Max calls" optional error={errorOf(form, "maxCalls")}>
          {(control) => <Input {...control} {...form.register("maxCalls", nullableNumber)} type="number" min={0} step={1} inputMode="numeric" placeholder="No limit" />}
        </Field>
        <Field id="quota-max-tokens" label="Max tokens" optional error={errorOf(form, "maxTokens")}>
          {(control) => <Input {...control} {...form.register("maxTokens", nullableNumber)} type="number" min={0} step={1} inputMode="numeric" placeholder="No limit" />}
        </Field>
        <Field id="quota-max-cost" label="Max cost ($)" optional error={errorOf(form, "maxCost")}>
          {(control) => <Input {...control} {...form.register("maxCost", nullableNumber)} type="number" min={0} step="any" inputMode="decimal" placeholder="No limit" />}
        </Field>
      </div>
    </FormDialog>
  );
}
