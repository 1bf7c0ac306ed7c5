"use client";
// Creates or changes the per-minute limits of a key, user or team. Windows slide over the last
// minute and are shared by every replica.
import { useController, useWatch } from "react-hook-form";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";
import { Field } from "@/components/ui/field";
import { FormDialog, nullableNumber } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { formErrorOf } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { SCOPE_LABELS } from "@/lib/quotas/quota-display";
import { RATE_LIMIT_SCOPES, upsertRateLimitSchema, type RateLimit } from "@/lib/rate-limits/schemas";
import { putRateLimit, quotaKeys, type UpsertRateLimitBody } from "./quotas-api";
import { targetError } from "./target-error";

const FIELDS = ["scope", "scopeId", "rpm", "tpm"] as const;
const LABELS = { rpm: "Requests per minute", tpm: "Tokens per minute" };

export function RateLimitFormDialog({ draft, onClose }: { draft: RateLimit | "new" | null; onClose: () => void }) {
  return draft && <RateLimitForm key={draft === "new" ? "new" : draft.id} editing={draft === "new" ? null : draft} onClose={onClose} />;
}

function RateLimitForm({ editing, onClose }: { editing: RateLimit | null; onClose: () => void }) {
  const form = useZodForm(upsertRateLimitSchema, {
    labels: LABELS,
    defaultValues: { scope: editing?.scope ?? "key", scopeId: editing?.scopeId ?? "", rpm: editing?.rpm ?? null, tpm: editing?.tpm ?? null },
  });
  const target = useController({ control: form.control, name: "scopeId" });
  const scope = useWatch({ control: form.control, name: "scope" });
  const toast = useToast();
  const save = useInvalidatingMutation((body: UpsertRateLimitBody) => putRateLimit(body), [quotaKeys.all], (saved) => {
    onClose();
    toast(`Rate limit for ${saved.scopeName ?? saved.scopeId} saved`);
  });
  const submit = form.handleSubmit((body) => save.mutate(body, { onError: (error) => applyServerError(form, error, FIELDS, LABELS) }));

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? "Edit rate limit" : "New rate limit"}
      description="Calls over a limit get 429 rate_limit_exceeded with retry-after; answers carry x-ratelimit-* headers."
      submitLabel={editing ? "Save" : "Create rate limit"}
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="rate-limit-form"
      size="sm"
    >
      <Field id="rate-limit-scope" label="Scope" error={errorOf(form, "scope")}>
        {(control) => (
          // Another scope has other targets: the choice starts over.
          <Select {...control} {...form.register("scope", { onChange: () => form.setValue("scopeId", "") })} disabled={Boolean(editing)}>
            {RATE_LIMIT_SCOPES.map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABELS[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <ScopeTargetSelect id="rate-limit-target" scope={scope} value={target.field.value} onChange={target.field.onChange} error={targetError(errorOf(form, "scopeId"), target.field.value, SCOPE_LABELS[scope])} disabled={Boolean(editing)} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="rate-limit-rpm" label="Requests / minute" optional error={errorOf(form, "rpm")}>
          {(control) => <Input {...control} {...form.register("rpm", nullableNumber)} type="number" min={0} step={1} inputMode="numeric" placeholder="No limit" />}
        </Field>
        <Field id="rate-limit-tpm" label="Tokens / minute" optional error={errorOf(form, "tpm")}>
          {(control) => <Input {...control} {...form.register("tpm", nullableNumber)} type="number" min={0} step={1} inputMode="numeric" placeholder="No limit" />}
        </Field>
      </div>
    </FormDialog>
  );
}
