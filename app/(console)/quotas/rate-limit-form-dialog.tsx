"use client";
// Creates or changes the per-minute limits of a key, user or team. Windows slide over the last
// minute and are shared by every replica.
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog, formNumber } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { SCOPE_LABELS } from "@/lib/quotas/quota-display";
import { RATE_LIMIT_SCOPES, upsertRateLimitSchema, type RateLimit, type RateLimitScope } from "@/lib/rate-limits/schemas";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { assertValid } from "@/lib/query/validate";
import { putRateLimit, quotaKeys, type UpsertRateLimitBody } from "./quotas-api";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";

export function RateLimitFormDialog({ draft, onClose }: { draft: RateLimit | "new" | null; onClose: () => void }) {
  return draft && <RateLimitForm key={draft === "new" ? "new" : draft.id} editing={draft === "new" ? null : draft} onClose={onClose} />;
}

function RateLimitForm({ editing, onClose }: { editing: RateLimit | null; onClose: () => void }) {
  const [scope, setScope] = useState<RateLimitScope>(editing?.scope ?? "key");
  const [scopeId, setScopeId] = useState(editing?.scopeId ?? "");
  const toast = useToast();
  const save = useInvalidatingMutation(
    (body: UpsertRateLimitBody) => {
      assertValid(upsertRateLimitSchema, body);
      return putRateLimit(body);
    },
    [quotaKeys.all],
    (saved) => {
      onClose();
      toast(`Rate limit for ${saved.scopeName ?? saved.scopeId} saved`);
    },
  );

  return (
    <FormDialog
      open
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={editing ? "Edit rate limit" : "New rate limit"}
      description="Calls over a limit get 429 rate_limit_exceeded with retry-after; answers carry x-ratelimit-* headers."
      submitLabel={editing ? "Save" : "Create rate limit"}
      pending={save.isPending}
      formError={formErrorOf(save.error, ["scope", "scopeId", "rpm", "tpm"])}
      onSubmit={(form) => save.mutate({ scope, scopeId, rpm: formNumber(form, "rpm") ?? null, tpm: formNumber(form, "tpm") ?? null })}
      testId="rate-limit-form"
      size="sm"
    >
      <Field id="rate-limit-scope" label="Scope" error={fieldErrorOf(save.error, "scope")}>
        {(control) => (
          <Select
            {...control}
            value={scope}
            disabled={Boolean(editing)}
            onChange={(event) => {
              setScope(event.target.value as RateLimitScope);
              setScopeId("");
            }}
          >
            {RATE_LIMIT_SCOPES.map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABELS[s]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <ScopeTargetSelect id="rate-limit-target" scope={scope} value={scopeId} onChange={setScopeId} error={save.error} disabled={Boolean(editing)} />
      <div className="grid grid-cols-2 gap-4">
        <Field id="rate-limit-rpm" label="Requests / minute" optional error={fieldErrorOf(save.error, "rpm")}>
          {(control) => <Input {...control} name="rpm" type="number" min={0} step={1} inputMode="numeric" defaultValue={editing?.rpm ?? ""} placeholder="No limit" />}
        </Field>
        <Field id="rate-limit-tpm" label="Tokens / minute" optional error={fieldErrorOf(save.error, "tpm")}>
          {(control) => <Input {...control} name="tpm" type="number" min={0} step={1} inputMode="numeric" defaultValue={editing?.tpm ?? ""} placeholder="No limit" />}
        </Field>
      </div>
    </FormDialog>
  );
}
