"use client";
// Edit a key: its name, models, expiry day, response-cache opt-out and (admins) concurrency limit.
// Only the fields that changed are sent: a developer may only narrow their key, so re-sending an
// untouched wider value must not be read as a change.
import { useQuery } from "@tanstack/react-query";
import { useController } from "react-hook-form";
import { ModelChecklist } from "@/components/forms/model-checklist";
import { Field } from "@/components/ui/field";
import { FormDialog, nullableNumber, nullableText } from "@/components/ui/form-dialog";
import { Checkbox, Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { expiryForDay, keyFormLimits } from "@/lib/keys/key-form-limits";
import type { UserKeyLimits } from "@/lib/keys/key-limits";
import { updateKeySchema } from "@/lib/keys/schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { updateKey } from "@/lib/query/keys";
import { queryKeys } from "@/lib/query/query-keys";
import type { ApiKey, UpdateKeyBody } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { usersQuery } from "@/lib/query/users";

const FIELDS = ["name", "models", "expiresAt", "cacheOptOut", "maxConcurrency"] as const;
const LABELS = { expiresAt: "Expiry day", maxConcurrency: "Concurrent calls" };

/** The UTC day an expiry instant falls on, as the date field shows it. */
const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

const sameModels = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((model) => b.includes(model));

export function EditKeyDialog({
  apiKey,
  onClose,
  currentUser,
  isAdmin,
}: {
  apiKey: ApiKey | null;
  onClose: () => void;
  currentUser: { id: string; keyLimits: UserKeyLimits };
  /** admins may change a key's concurrency limit and see every owner's limits */
  isAdmin: boolean;
}) {
  // Remounted per key, so the fields start from the key being edited.
  return apiKey && <EditKeyForm key={apiKey.id} apiKey={apiKey} onClose={onClose} currentUser={currentUser} isAdmin={isAdmin} />;
}

function EditKeyForm({ apiKey, onClose, currentUser, isAdmin }: { apiKey: ApiKey; onClose: () => void; currentUser: { id: string; keyLimits: UserKeyLimits }; isAdmin: boolean }) {
  const toast = useToast();
  const ownKey = apiKey.userId === currentUser.id;
  const users = useQuery({ ...usersQuery(), enabled: isAdmin && !ownKey });
  const owner = ownKey ? null : users.data?.data.find((user) => user.id === apiKey.userId);
  // Offer only what the owner's limits allow; the API refuses the rest anyway.
  const limits = keyFormLimits(ownKey ? currentUser.keyLimits : { models: owner?.keyModels ?? [], maxDays: owner?.keyMaxDays ?? null });
  const form = useZodForm(updateKeySchema, {
    labels: LABELS,
    defaultValues: { name: apiKey.name, models: apiKey.models, expiresAt: dayOf(apiKey.expiresAt), cacheOptOut: apiKey.cacheOptOut, maxConcurrency: apiKey.maxConcurrency },
  });
  const models = useController({ control: form.control, name: "models" });
  const save = useInvalidatingMutation((body: UpdateKeyBody) => updateKey(apiKey.id, body), [queryKeys.keys.all], (saved) => {
    onClose();
    toast(`Key “${saved.name}” saved`);
  });

  const submit = form.handleSubmit((values) => {
    const body: UpdateKeyBody = {};
    if (values.name !== undefined && values.name !== apiKey.name) body.name = values.name;
    if (values.models && !sameModels(values.models, apiKey.models)) body.models = values.models;
    // The field holds a day; the key works through its end (or up to the latest its owner's limit allows).
    const day = form.getValues("expiresAt") || null;
    if (day !== dayOf(apiKey.expiresAt)) body.expiresAt = day ? (expiryForDay(day, limits) ?? null) : null;
    if (values.cacheOptOut !== undefined && values.cacheOptOut !== apiKey.cacheOptOut) body.cacheOptOut = values.cacheOptOut;
    if (isAdmin && values.maxConcurrency !== undefined && values.maxConcurrency !== apiKey.maxConcurrency) body.maxConcurrency = values.maxConcurrency;
    if (Object.keys(body).length === 0) return onClose();
    save.mutate(body, { onError: (error) => applyServerError(form, error, FIELDS, LABELS) });
  });

  return (
    <FormDialog
      onClose={onClose}
      title={`Edit key ${apiKey.name}`}
      description={
        <>
          <code className="font-mono text-xs">{apiKey.prefix}…</code> · {ownKey ? "your key" : apiKey.userEmail}. Apps keep using the same key.
        </>
      }
      submitLabel="Save changes"
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="edit-key-dialog"
    >
      <Field id="edit-key-name" label="Name" error={errorOf(form, "name")}>
        {(control) => <Input {...control} {...form.register("name")} autoComplete="off" autoFocus />}
      </Field>
      <ModelChecklist
        value={models.field.value}
        onChange={models.field.onChange}
        only={limits.models}
        error={errorOf(form, "models")}
        hint={limits.models ? `Leave all unticked to allow every model its owner may use (${limits.models.join(", ")}).` : "Leave all unticked to allow every model."}
      />
      <Field
        id="edit-key-expires"
        label="Expires after"
        optional
        error={errorOf(form, "expiresAt")}
        hint={limits.lastDay ? `Its owner's keys live at most ${limits.maxDays} days: pick a day up to ${limits.lastDay}.` : "Last day the key works (UTC). Empty: never expires."}
      >
        {(control) => <Input {...control} {...form.register("expiresAt", nullableText)} type="date" max={limits.lastDay ?? undefined} className="w-44" />}
      </Field>
      {isAdmin && (
        <Field id="edit-key-concurrency" label="Concurrent calls" optional error={errorOf(form, "maxConcurrency")} hint="Calls in flight at once per Tollgate process; more wait, then get a 429. Empty: no limit.">
          {(control) => <Input {...control} {...form.register("maxConcurrency", nullableNumber)} type="number" min={1} step={1} inputMode="numeric" placeholder="No limit" className="w-32" />}
        </Field>
      )}
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <Checkbox {...form.register("cacheOptOut")} data-testid="edit-key-cache-opt-out" />
          Skip the response cache
        </label>
        <p className="pl-6 text-xs text-slate-500">This key&apos;s calls neither read nor fill the cache, e.g. for tests that must reach the provider every time.</p>
        {errorOf(form, "cacheOptOut") && <p className="pl-6 text-xs text-red-600">{errorOf(form, "cacheOptOut")}</p>}
      </div>
    </FormDialog>
  );
}
